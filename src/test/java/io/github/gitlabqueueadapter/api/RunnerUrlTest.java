package io.github.gitlabqueueadapter.api;

import static io.github.gitlabqueueadapter.support.GitLabRunnerStubs.onRef;
import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.github.gitlabqueueadapter.support.GitLabStubs.runningJob;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

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
 * A project's URL with {@code runner=} (what one of GitLab's runners would be handed, read from GitLab in the
 * background) and {@code protected=true} (the runner of the tags given takes only protected refs). it/runners-a and
 * it/runners-b are the projects of pool {@code runners} (WatchProfiles.PoolsAndGroups); runner 71 is a project runner
 * of it/runners-a.
 */
@QuarkusTest
@TestProfile(WatchProfiles.PoolsAndGroups.class)
@WithTestResource(GitLabWireMock.class)
class RunnerUrlTest {

    @InjectWireMock
    WireMockServer wiremock;

    @InjectWireMock
    GitLabStubs stubs;

    @Inject
    QueuePoller poller;

    private GitLabRunnerStubs gitlabRunners;

    @BeforeEach
    void gitlab() {
        gitlabRunners = new GitLabRunnerStubs(wiremock);
        stubs.jobs(
                "it/runners-a",
                pendingJob(10, "docker"),
                pendingJob(11, "linux"),
                onRef(pendingJob(13, "docker"), "feature/x", false),
                runningJob(71, "docker"),
                runningJob(99, "docker"));
        stubs.jobs("it/runners-b", pendingJob(20, "docker"));
        gitlabRunners.project("it/runners-a", 501, "\"shared_runners_enabled\":true");
        gitlabRunners.project("it/runners-b", 502, "\"shared_runners_enabled\":true");
        gitlabRunners.runner(71, "project_type", "[\"docker\"]", false, "not_protected", false);
        poller.poll(ProjectRef.parse("it/runners-a"));
        poller.poll(ProjectRef.parse("it/runners-b"));
    }

    @Test
    void aProjectsUrlCountsWhatOneOfGitLabsRunnersWouldTakeOnceItIsRead() {
        given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Frunners-a?runner=71")
                .then()
                .statusCode(503)
                .body("message", containsString("runner 71 is being read"));
        eventually(() -> given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Frunners-a?runner=71")
                .then()
                .statusCode(200)
                .body("pending", equalTo(2)) // docker on main and on feature/x
                .body("running", equalTo(2)) // every running job: runners= was not given
                .body("gitlabRunners.runners[0].tags", org.hamcrest.Matchers.contains("docker")));
        given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Frunners-b?runner=71")
                .then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(503))); // b's settings being read
        eventually(() -> given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Frunners-b?runner=71")
                .then()
                .statusCode(200)
                .body("pending", equalTo(0))); // a project runner of it/runners-a only
        given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Frunners-a?runner=71&tags=docker")
                .then()
                .statusCode(400);
    }

    @Test
    void aProjectsUrlModelsARunnerOfProtectedRefsWithTheTagsGiven() {
        gitlabRunners.protection("branches", "main", true);
        gitlabRunners.protection("branches", "feature%2Fx", false);
        String url = "/queues/projects/it%2Frunners-a?tags=docker&untagged=false&protected=true";
        eventually(() -> given().urlEncodingEnabled(false)
                .get(url)
                .then()
                .statusCode(200)
                .body("pending", equalTo(1))); // docker on main: protected; feature/x is not
        given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Frunners-a?tags=docker&untagged=false")
                .then()
                .body("pending", equalTo(2));
        given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Frunners-a?protected=maybe")
                .then()
                .statusCode(400);
    }

    /** Within 10 s: what a background read from GitLab brings. */
    private static void eventually(org.awaitility.core.ThrowingRunnable assertion) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(assertion);
    }
}
