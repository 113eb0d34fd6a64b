package io.github.gitlabqueueadapter.watch;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.gitlabqueueadapter.support.GitLabRunnerStubs.json;
import static io.github.gitlabqueueadapter.support.GitLabRunnerStubs.onRef;
import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.github.gitlabqueueadapter.support.GitLabStubs.runningJob;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabRunnerStubs;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pools that are GitLab's runners, against a GitLab that describes them ({@code GET /runners/:id}) and their projects
 * ({@code GET /projects/:id}). The pools of its profile
 * (WatchProfiles.PoolsAndGroups): {@code runners} (it/runners-a and
 * it/runners-b, runners 71 and 72) and {@code protected-runner} (it/runners-a, runners 73 and 74). Polls and runner
 * reads are triggered here (the test profile runs no scheduler): each {@code refreshAll()} is one
 * {@code adapter.runner-refresh}.
 */
@QuarkusTest
@TestProfile(WatchProfiles.PoolsAndGroups.class)
@WithTestResource(GitLabWireMock.class)
class RunnerPoolsTest {

    @InjectWireMock
    WireMockServer wiremock;

    @InjectWireMock
    GitLabStubs stubs;

    @Inject
    QueuePoller poller;

    @Inject
    RunnerRefresh refresh;

    private GitLabRunnerStubs gitlabRunners;

    @Inject
    GroupDiscovery discovery;

    @BeforeEach
    void gitlab() {
        gitlabRunners = new GitLabRunnerStubs(wiremock);
        stubs.jobs(
                "it/runners-a",
                pendingJob(10, "docker"), // runner 71 (a project runner of it/runners-a)
                pendingJob(11, "linux"), // runner 72 is a group runner, but it/runners-a disables group runners
                pendingJob(12), // untagged: 71 does not run untagged, 72 may not
                onRef(pendingJob(13, "docker"), "feature/x", false),
                runningJob(71, "docker"),
                runningJob(99, "docker"));
        stubs.jobs(
                "it/runners-b",
                pendingJob(20, "docker"), // 71 is not its runner, 72 lacks docker
                pendingJob(21, "linux"), // runner 72: the project is in group it
                pendingJob(22), // runner 72 runs untagged
                runningJob(72));
        gitlabRunners.project("it/runners-a", 501, "\"shared_runners_enabled\":true,\"group_runners_enabled\":false");
        gitlabRunners.project(
                "it/runners-b", 502, "\"shared_runners_enabled\":false"); // group_runners_enabled: not sent
        gitlabRunners.runner(71, "project_type", "[\"docker\"]", false, "not_protected", false);
        gitlabRunners.runner(72, "group_type", "[\"linux\"]", true, "not_protected", false);
        poller.poll(ProjectRef.parse("it/runners-a"));
        poller.poll(ProjectRef.parse("it/runners-b"));
    }

    @Test
    void aPoolOfRunnersCountsWhatGitLabWouldHandThemAndFollowsAnEditedRunnerWithinOneRefresh() {
        given().get("/queues/pools/runners")
                .then()
                .statusCode(503)
                .body("message", containsString("runners have not been read"));
        refresh.refreshAll();
        given().get("/queues/pools/runners")
                .then()
                .statusCode(200)
                .body("pending", equalTo(4)) // a: docker, feature/x docker; b: linux, untagged
                .body("running", equalTo(2)) // on 71 and 72
                .body("gitlabRunners.runners.id", org.hamcrest.Matchers.contains(71, 72))
                .body("gitlabRunners.runners[0].state", equalTo("ok"))
                .body("gitlabRunners.runners[0].runnerType", equalTo("project_type"))
                .body("gitlabRunners.runners[0].tags", org.hamcrest.Matchers.contains("docker"))
                .body("gitlabRunners.runners[0].readAt", notNullValue())
                .body("gitlabRunners.runners[1].groups", org.hamcrest.Matchers.contains("it"))
                .body(
                        "gitlabRunners.projects.find { it.project == 'it/runners-b' }.groupRunnersEnabled",
                        equalTo("unknown"))
                .body("gitlabRunners.problems", nullValue())
                .body("gitlabRunners.protectedRefs", nullValue());

        gitlabRunners.runner(
                71, "project_type", "[\"docker\",\"linux\"]", false, "not_protected", false); // edited in GitLab
        given().get("/queues/pools/runners").then().body("pending", equalTo(4)); // not read again yet
        refresh.refreshAll();
        given().get("/queues/pools/runners")
                .then()
                .body("pending", equalTo(5)) // and a's linux job
                .body("gitlabRunners.runners[0].tags", org.hamcrest.Matchers.contains("docker", "linux"));

        // GitLab fails (500, retried, then given up): runner 71 counts as read before, and the pool says so
        wiremock.stubFor(get(urlPathEqualTo("/api/v4/runners/71")).willReturn(json(500, "{\"message\":\"500\"}")));
        refresh.refreshAll();
        given().get("/queues/pools/runners")
                .then()
                .body("pending", equalTo(5))
                .body("gitlabRunners.runners[0].state", equalTo("failed"))
                .body("gitlabRunners.problems", containsString("counting as read before"));
    }

    @Test
    void aPausedUnknownOrUnreadableRunnerContributesNothingAndThePoolSaysSo() {
        gitlabRunners.runner(72, "group_type", "[\"linux\"]", true, "not_protected", true);
        refresh.refreshAll();
        given().get("/queues/pools/runners")
                .then()
                .statusCode(200)
                .body("pending", equalTo(2)) // only runner 71's
                .body("gitlabRunners.runners[1].state", equalTo("paused"))
                .body("gitlabRunners.problems", containsString("runner 72: paused"));
        String card = given().get("/status/queues").asString();
        org.junit.jupiter.api.Assertions.assertTrue(
                card.contains("#72 paused: group_type, tags linux, runs untagged"), "the status card lists it");
        org.junit.jupiter.api.Assertions.assertTrue(card.contains("runner 72: paused in GitLab"), card);

        wiremock.stubFor(
                get(urlPathEqualTo("/api/v4/runners/71")).willReturn(json(403, "{\"message\":\"403 Forbidden\"}")));
        // runner 73 and 74 are not stubbed: GitLab answers 404
        refresh.refreshAll();
        given().get("/queues/pools/runners")
                .then()
                .statusCode(200)
                .body("pending", equalTo(0))
                .body("gitlabRunners.runners[0].state", equalTo("unreadable"))
                .body("gitlabRunners.problems", containsString("none of the pool's runners takes jobs"))
                .body("gitlabRunners.problems", containsString("Maintainer"));
        given().get("/queues/pools/protected-runner")
                .then()
                .statusCode(200)
                .body("pending", equalTo(0))
                .body("gitlabRunners.runners[0].state", equalTo("unknown"))
                .body("gitlabRunners.problems", containsString("runner 73: GitLab answered 404"));
    }

    @Test
    void aRunnerOfProtectedRefsCountsTheJobsOfRefsGitLabSaysAreProtected() {
        gitlabRunners.runner(73, "instance_type", "[\"docker\"]", false, "ref_protected", false);
        gitlabRunners.runner(74, "instance_type", "[\"gpu\"]", false, "not_protected", false);
        gitlabRunners.protection("branches", "main", true);
        gitlabRunners.protection("branches", "feature%2Fx", false);
        refresh.refreshAll();
        given().get("/queues/pools/protected-runner")
                .then()
                .statusCode(200)
                .body("pending", equalTo(1)) // docker on main; not docker on feature/x
                .body("gitlabRunners.protectedRefs", containsString("protected"))
                .body("gitlabRunners.runners[0].accessLevel", equalTo("ref_protected"));

        // a job on a git tag not seen before: its protection is read after the poll, not a refresh later
        wiremock.stubFor(get(urlPathEqualTo("/api/v4/projects/it%2Frunners-a/repository/tags/v1.0"))
                .willReturn(json(200, "{\"name\":\"v1.0\",\"protected\":true}")));
        stubs.jobs("it/runners-a", pendingJob(10, "docker"), onRef(pendingJob(14, "docker"), "v1.0", true));
        poller.poll(ProjectRef.parse("it/runners-a"));
        eventually(() -> given().get("/queues/pools/protected-runner").then().body("pending", equalTo(2)));
    }

    @Test
    void aPoolThatNamesOnlyRunnersCountsTheirOwnProjectsAndGroups() {
        gitlabRunners.runner(75, "project_type", "[\"docker\"]", false, "not_protected", false, "it/scope-a", null);
        gitlabRunners.runner(76, "group_type", "[\"linux\"]", false, "not_protected", false, null, "it-scope");
        gitlabRunners.runner(77, "instance_type", "[]", true, "not_protected", false);
        wiremock.stubFor(get(urlPathEqualTo("/api/v4/groups/it-scope/projects"))
                .willReturn(json(
                        200,
                        "[{\"id\":602,\"name\":\"app\",\"path\":\"app\","
                                + "\"path_with_namespace\":\"it-scope/app\"}]")));
        gitlabRunners.project("it/scope-a", 575, "\"shared_runners_enabled\":true,\"group_runners_enabled\":true");
        gitlabRunners.project("it-scope/app", 602, "\"shared_runners_enabled\":true,\"group_runners_enabled\":true");
        stubs.jobs("it/scope-a", pendingJob(30, "docker"), pendingJob(31, "linux"));
        stubs.jobs("it-scope/app", pendingJob(32, "linux"), pendingJob(33, "docker"));
        refresh.refreshAll();
        poller.poll(ProjectRef.parse("it/scope-a"));
        poller.poll(ProjectRef.parse("it-scope/app"));
        given().get("/queues/pools/own-scope")
                .then()
                .statusCode(200)
                .body("projects", equalTo(2))
                .body("pending", equalTo(2)) // docker on it/scope-a (75), linux on it-scope/app (76)
                .body("gitlabRunners.problems", containsString("runner 77 is an instance runner"))
                .body("gitlabRunners.problems", containsString("adapter.pools.own-scope.projects"));

        // a project joins the group runner's group: its settings are read without waiting for the next refresh
        wiremock.stubFor(get(urlPathEqualTo("/api/v4/groups/it-scope/projects"))
                .willReturn(json(
                        200,
                        "[{\"id\":602,\"path_with_namespace\":\"it-scope/app\"},"
                                + "{\"id\":603,\"path_with_namespace\":\"it-scope/new\"}]")));
        gitlabRunners.project("it-scope/new", 603, "\"shared_runners_enabled\":true,\"group_runners_enabled\":false");
        discovery.refresh(io.github.gitlabqueueadapter.domain.GroupRef.parse("it-scope"));
        eventually(() -> given().get("/queues/pools/own-scope")
                .then()
                .body(
                        "gitlabRunners.projects.find { it.project == 'it-scope/new' }.groupRunnersEnabled",
                        equalTo("false")));
    }

    /** Within 10 s: what a background read from GitLab brings. */
    private static void eventually(org.awaitility.core.ThrowingRunnable assertion) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(assertion);
    }
}
