package io.github.gitlabqueueadapter;

import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJobs;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged application (the jar here; the native executable where one is built), configured as a user would,
 * against a GitLab that pages 250 pending jobs over three pages without X-Total.
 */
@QuarkusIntegrationTest
@WithTestResource(
        value = GitLabWireMock.class,
        initArgs = {
            @ResourceArg(name = "adapter.projects", value = "it/packaged"),
            @ResourceArg(name = "adapter.poll-interval", value = "1s"),
            @ResourceArg(name = "gitlab.token", value = "it-token-not-a-secret")
        })
class PackagedApplicationIT {

    @InjectWireMock
    WireMockServer wiremock;

    @Test
    void countsEveryPageAndNeverAsksGitLabAboutAnUnlistedProject() {
        new GitLabStubs(wiremock)
                .jobPages("it/packaged", List.of(pendingJobs(100, 3), pendingJobs(100, 2), pendingJobs(50, 1)));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().urlEncodingEnabled(false)
                        .get("/queues/projects/it%2Fpackaged")
                        .then()
                        .statusCode(200)
                        .body("pending", equalTo(250))
                        .body("stale", equalTo(false)));

        given().urlEncodingEnabled(false)
                .get("/queues/projects/other%2Fproject")
                .then()
                .statusCode(404)
                .body("error", equalTo("not_found"));
        assertEquals(
                0,
                wiremock.getAllServeEvents().stream()
                        .filter(e -> !e.getRequest().getUrl().startsWith("/api/v4/projects/it%2Fpackaged"))
                        .count());
    }

    @Test
    void aProductionBuildHasNoSimulatedGitLab() {
        given().get("/dev/gitlab/api/v4/projects/42/jobs").then().statusCode(404);
    }
}
