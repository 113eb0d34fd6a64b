package io.github.gitlabqueueadapter.watch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.github.gitlabqueueadapter.support.GitLabStubs.runningJob;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.store.SnapshotStore;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Groups: GitLab has no group jobs endpoint, so the group's projects (subgroups included) are listed, then polled
 * one by one. the groups of its profile
 * (WatchProfiles.PoolsAndGroups): it-group, it-undiscovered, it-retried;; pool {@code grouped} is
 * it-group's docker runners.
 */
@QuarkusTest
@TestProfile(WatchProfiles.PoolsAndGroups.class)
@WithTestResource(GitLabWireMock.class)
class GroupsTest {

    private static final GroupRef GROUP = GroupRef.parse("it-group");

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    GroupDiscovery discovery;

    @Inject
    QueuePoller poller;

    @Inject
    SnapshotStore store;

    @InjectWireMock
    GitLabStubs stubs;

    private static RequestSpecification read() {
        return given().urlEncodingEnabled(false);
    }

    /** GitLab's answer to the group projects listing, page by page; simple=true fields and some more. */
    private void listing(List<List<String>> pages) {
        for (int i = 0; i < pages.size(); i++) {
            StringBuilder body = new StringBuilder("[");
            for (String path : pages.get(i)) {
                body.append(body.length() > 1 ? "," : "")
                        .append("{\"id\":")
                        .append(Math.abs(path.hashCode()))
                        .append(",\"name\":\"x\",\"path\":\"x\",\"path_with_namespace\":\"")
                        .append(path)
                        .append("\",\"web_url\":\"https://gitlab.example.com/")
                        .append(path)
                        .append("\",\"avatar_url\":null}");
            }
            wiremock.stubFor(get(urlPathEqualTo("/api/v4/groups/it-group/projects"))
                    .withQueryParam("page", WireMock.equalTo(String.valueOf(i + 1)))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withHeader("X-Next-Page", i + 1 < pages.size() ? String.valueOf(i + 2) : "")
                            .withBody(body.append("]").toString())));
        }
    }

    /** Lists three projects; the ones that join are polled at once, without waiting for the next round. */
    private void discoverThreeProjects() {
        stubs.jobs("it-group/app", pendingJob(1, "docker"), pendingJob(2), runningJob(17, "docker"));
        stubs.jobs("it-group/sub/lib", pendingJob(3, "docker"));
        stubs.jobs("it-group/sub/deeper/tool", pendingJob(4, "docker", "gpu"), pendingJob(5, "docker"));
        listing(List.of(List.of("it-group/app", "it-group/sub/lib"), List.of("it-group/sub/deeper/tool")));
        discovery.refresh(GROUP);
        List<ProjectRef> members = List.of(
                ProjectRef.parse("it-group/app"),
                ProjectRef.parse("it-group/sub/lib"),
                ProjectRef.parse("it-group/sub/deeper/tool"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> members.stream()
                        .allMatch(p ->
                                store.find(p).map(s -> s.lastGood() != null).orElse(false)));
    }

    @Test
    void aGroupsProjectsAndSubgroupsAreListedThenSummed() {
        discoverThreeProjects();
        wiremock.verify(getRequestedFor(urlPathEqualTo("/api/v4/groups/it-group/projects"))
                .withQueryParam("include_subgroups", WireMock.equalTo("true"))
                .withQueryParam("with_shared", WireMock.equalTo("false"))
                .withQueryParam("archived", WireMock.equalTo("false"))
                .withQueryParam("simple", WireMock.equalTo("true"))
                .withQueryParam("per_page", WireMock.equalTo("100")));

        read().get("/queues/groups/it-group")
                .then()
                .statusCode(200)
                .body("pending", equalTo(5))
                .body("running", equalTo(1))
                .body("projects", equalTo(3))
                .body("stale", equalTo(false));
        read().get("/queues/projects/it-group%2Fsub%2Fdeeper%2Ftool")
                .then()
                .statusCode(200)
                .body("pending", equalTo(2));
        read().get("/queues/pools/grouped")
                .then()
                .statusCode(200)
                .body("pending", equalTo(3))
                .body("running", equalTo(1));
        given().get("/queues")
                .then()
                .body("groups.project", hasItem("it-group"))
                .body("projects.project", hasItem("it-group/sub/lib"));
        given().get("/q/metrics")
                .then()
                .body(containsString("gitlab_polls_total{result=\"success\"}"))
                .body(not(containsString("project=\"it-group")))
                .body(not(containsString("queue=\"it-group/app\"")));
    }

    @Test
    void projectsThatLeaveTheGroupLeaveTheWatch() {
        discoverThreeProjects();
        listing(List.of(List.of("it-group/app", "it-group/sub/lib")));
        discovery.refresh(GROUP);

        read().get("/queues/projects/it-group%2Fsub%2Fdeeper%2Ftool").then().statusCode(404);
        assertFalse(store.find(ProjectRef.parse("it-group/sub/deeper/tool")).isPresent(), "its snapshot is gone too");
        read().get("/queues/groups/it-group")
                .then()
                .statusCode(200)
                .body("projects", equalTo(2))
                .body("pending", equalTo(3));
    }

    @Test
    void aMemberAnswering404CountsAsUnavailableUntilAListingConfirmsItLeft() {
        discoverThreeProjects();
        stubs.answer(
                "it-group/sub/lib", aResponse().withStatus(404).withBody("{\"message\":\"404 Project Not Found\"}"));
        poller.poll(ProjectRef.parse("it-group/sub/lib"));

        read().get("/queues/projects/it-group%2Fsub%2Flib").then().statusCode(503);
        read().get("/queues/groups/it-group")
                .then()
                .statusCode(200)
                .body("projects", equalTo(3))
                .body("unavailableProjects", equalTo(1))
                .body("stale", equalTo(true))
                .body("lastError", containsString("it-group/sub/lib"))
                .body("pending", equalTo(4));
        // the 404 asks for a listing at once; this one still lists the project, so it stays, unavailable
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> wiremock.verify(
                        moreThanOrExactly(4), // two pages at discovery, two again
                        getRequestedFor(urlPathEqualTo("/api/v4/groups/it-group/projects"))));
        read().get("/queues/groups/it-group").then().body("unavailableProjects", equalTo(1));

        listing(List.of(List.of("it-group/app", "it-group/sub/deeper/tool")));
        discovery.refresh(GROUP);
        read().get("/queues/projects/it-group%2Fsub%2Flib").then().statusCode(404);
        read().get("/queues/groups/it-group")
                .then()
                .statusCode(200)
                .body("projects", equalTo(2))
                .body("stale", equalTo(false))
                .body("pending", equalTo(4));
    }

    @Test
    void aFailedListingKeepsTheMembersFoundBefore() {
        discoverThreeProjects();
        wiremock.stubFor(get(urlPathEqualTo("/api/v4/groups/it-group/projects"))
                .willReturn(aResponse().withStatus(502)));
        discovery.refresh(GROUP);
        read().get("/queues/groups/it-group").then().statusCode(200).body("projects", equalTo(3));
    }

    @Test
    void groupsThatAreUnknownMalformedOrNotYetListed() {
        read().get("/queues/groups/it-undiscovered")
                .then()
                .statusCode(503)
                .body("message", containsString("not been listed"));
        read().get("/queues/groups/someone-else").then().statusCode(404).body("error", equalTo("not_found"));
        read().get("/queues/groups/..%2Fx").then().statusCode(400).body("error", equalTo("bad_request"));
        read().get("/queues/groups/it-group%252Fx").then().statusCode(400);
        given().get("/q/metrics")
                .then()
                .body(containsString("gitlab_queue_pending{kind=\"group\",queue=\"it-group\"}"))
                .body(not(containsString("queue=\"it-group/app\"")));
    }

    @Test
    void aFailedFirstListingSaysWhyAndIsTriedAgainWithinSecondsWithoutARefresh() {
        GroupRef retried = GroupRef.parse("it-retried");
        wiremock.stubFor(get(urlPathEqualTo("/api/v4/groups/it-retried/projects"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"401 Unauthorized\"}")));
        discovery.refresh(retried);
        read().get("/queues/groups/it-retried")
                .then()
                .statusCode(503)
                .body("message", containsString("not been listed yet; last error: GitLab answered 401"));
        given().get("/q/health/well")
                .then()
                .body("checks.find { it.name == 'gitlab' }.data.'group it-retried'", containsString("401"));

        // the token is fixed: the next retry (1 s, then 2 s, ...) lists the group, with no refresh called
        wiremock.stubFor(get(urlPathEqualTo("/api/v4/groups/it-retried/projects"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("[]")));
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> read().get("/queues/groups/it-retried")
                        .then()
                        .statusCode(503)
                        .body("message", containsString("GitLab lists no project in this group")));
        given().get("/q/health/well")
                .then()
                .body("checks.find { it.name == 'gitlab' }.data.failingGroupListings", equalTo(0));
    }
}
