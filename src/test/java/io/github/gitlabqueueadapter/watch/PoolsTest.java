package io.github.gitlabqueueadapter.watch;

import static io.github.gitlabqueueadapter.support.GitLabStubs.jobInStatus;
import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.github.gitlabqueueadapter.support.GitLabStubs.runningJob;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runner tags, runners and pools over a GitLab with mixed jobs. The pools of its profile
 * (WatchProfiles.PoolsAndGroups):
 * {@code docker} (it/pool-a + it/pool-b, tags docker, no untagged, runner 17), {@code fast} (it/pool-a, tags docker
 * and fast, untagged too, any runner), {@code half} (it/pool-a + it/pool-never, which is never polled; no tag filter).
 */
@QuarkusTest
@TestProfile(WatchProfiles.PoolsAndGroups.class)
@WithTestResource(GitLabWireMock.class)
class PoolsTest {

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    QueuePoller poller;

    @InjectWireMock
    GitLabStubs stubs;

    @BeforeEach
    void mixedJobs() {
        stubs.jobs(
                "it/pool-a",
                pendingJob(1),
                pendingJob(2), // untagged
                pendingJob(3, "docker"),
                pendingJob(4, "docker"),
                pendingJob(50, "docker"),
                pendingJob(60, "docker", "gpu"), // needs a gpu runner
                pendingJob(70, "Docker"), // another tag: case matters
                jobInStatus("created", "docker"),
                jobInStatus("manual", "docker"),
                jobInStatus("waiting_for_resource", "docker"),
                jobInStatus("scheduled", "docker"),
                runningJob(17, "docker"),
                runningJob(17, "docker"),
                runningJob(99, "docker"));
        stubs.jobs(
                "it/pool-b",
                pendingJob(5, "docker"),
                pendingJob(6, "docker"),
                pendingJob(7, "docker"),
                pendingJob(8, "docker", "linux"),
                runningJob(17, "docker"));
        poller.poll(ProjectRef.parse("it/pool-a"));
        poller.poll(ProjectRef.parse("it/pool-b"));
    }

    private static RequestSpecification read() {
        return given().urlEncodingEnabled(false);
    }

    @Test
    void aPoolCountsWhatItsRunnersWouldBeHandedAndRun() {
        read().get("/queues/pools/docker")
                .then()
                .statusCode(200)
                .body("project", equalTo("docker"))
                .body("pending", equalTo(6))
                .body("running", equalTo(3))
                .body("total", equalTo(9))
                .body("projects", equalTo(2))
                .body("stale", equalTo(false))
                .body("unavailableProjects", nullValue())
                .body("oldestPendingSeconds", greaterThanOrEqualTo(50.0f))
                .body("oldestPendingSeconds", lessThan(60.0f)); // the job waiting 60 s needs a gpu runner
    }

    @Test
    void aPoolThatTakesUntaggedJobsCountsThemAndEveryRunningJobWithoutARunnerList() {
        read().get("/queues/pools/fast")
                .then()
                .statusCode(200)
                .body("pending", equalTo(5))
                .body("running", equalTo(3))
                .body("projects", equalTo(1));
    }

    @Test
    void aPoolWithAnUnreadableProjectServesTheRestMarkedStale() {
        read().get("/queues/pools/half")
                .then()
                .statusCode(200)
                .body("pending", equalTo(7))
                .body("stale", equalTo(true))
                .body("projects", equalTo(2))
                .body("unavailableProjects", equalTo(1))
                .body("lastError", containsString("it/pool-never"));
    }

    @Test
    void aProjectAnswersForAnyRunnerTagsAndRunnersWithoutAskingGitLabAgain() {
        int requests = wiremock.getAllServeEvents().size();
        read().get("/queues/projects/it%2Fpool-a")
                .then()
                .body("pending", equalTo(7))
                .body("running", equalTo(3));
        read().get("/queues/projects/it%2Fpool-a?tags=docker&untagged=false")
                .then()
                .body("pending", equalTo(3));
        read().get("/queues/projects/it%2Fpool-a?tags=docker").then().body("pending", equalTo(5));
        read().get("/queues/projects/it%2Fpool-a?tags=docker,gpu&untagged=false")
                .then()
                .body("pending", equalTo(4));
        read().get("/queues/projects/it%2Fpool-a?tags=docker,gpu,Docker").then().body("pending", equalTo(7));
        for (String noTags : new String[] {"tags=", "tags=,", "tags=%20", "tags=+", "tags=%20,%20", "tags"}) {
            read().get("/queues/projects/it%2Fpool-a?" + noTags)
                    .then()
                    .statusCode(200)
                    .body("pending", equalTo(2)) // a runner with no tags takes the two untagged jobs
                    .body("waitSeconds", nullValue());
        }
        read().get("/queues/projects/it%2Fpool-a?untagged=false").then().body("pending", equalTo(0));
        read().get("/queues/projects/it%2Fpool-a?runners=17")
                .then()
                .body("pending", equalTo(7))
                .body("running", equalTo(2));
        read().get("/queues/projects/it%2Fpool-a?runners=17,99").then().body("running", equalTo(3));
        read().get("/queues/projects/it%2Fpool-a?runners=18")
                .then()
                .body("running", equalTo(0))
                .body("total", equalTo(7));
        assertEquals(requests, wiremock.getAllServeEvents().size(), "filters are computed from the snapshot");
    }

    @Test
    void malformedFiltersAre400() {
        read().get("/queues/projects/it%2Fpool-a?untagged=maybe")
                .then()
                .statusCode(400)
                .body("message", containsString("untagged"));
        read().get("/queues/projects/it%2Fpool-a?runners=abc")
                .then()
                .statusCode(400)
                .body("message", containsString("runners"));
        read().get("/queues/projects/it%2Fpool-a?runners=-3").then().statusCode(400);
        for (String twice : new String[] {
            "tags=docker&tags=gpu", "tags=&tags=", "untagged=true&untagged=false", "runners=17&runners=18"
        }) {
            String name = twice.substring(0, twice.indexOf('='));
            read().get("/queues/projects/it%2Fpool-a?" + twice)
                    .then()
                    .statusCode(400)
                    .body("message", containsString(name + ": give it once"));
        }
        read().get("/queues/projects/it%2Fpool-a?tags=a%01b").then().statusCode(400);
        String tooMany = IntStream.rangeClosed(0, 100).mapToObj(i -> "t" + i).collect(Collectors.joining(","));
        read().get("/queues/projects/it%2Fpool-a?tags=" + tooMany).then().statusCode(400);
    }

    @Test
    void unknownPoolsAre404AndTheListShowsEveryPool() {
        read().get("/queues/pools/nope").then().statusCode(404).body("error", equalTo("not_found"));
        given().get("/queues")
                .then()
                .statusCode(200)
                .body(
                        "pools.project",
                        org.hamcrest.Matchers.contains(
                                "docker",
                                "fast",
                                "grouped",
                                "half",
                                "own-scope",
                                "protected-runner",
                                "runners",
                                "twice"))
                .body("pools.find { it.project == 'docker' }.pending", equalTo(6));
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.contains("gitlab_queue_pending{kind=\"pool\",queue=\"docker\"} 6.0"), "pool gauges");
    }
}
