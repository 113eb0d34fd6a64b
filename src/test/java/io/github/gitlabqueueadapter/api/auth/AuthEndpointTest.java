package io.github.gitlabqueueadapter.api.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.LogCapture;
import io.github.gitlabqueueadapter.support.Watching;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The endpoints behind API keys, read the three ways KEDA sends a key, and Basic. */
@QuarkusTest
@TestProfile(AuthEndpointTest.WithKeys.class)
@WithTestResource(GitLabWireMock.class)
class AuthEndpointTest {

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    QueuePoller poller;

    static final String OLD_KEY = "auth-test-old-key-0123456789";
    static final String NEW_KEY = "auth-test-new-key-0123456789";
    static final String WEBHOOK_SECRET = "auth-test-webhook-secret-0123456789";

    /** Two keys (a rotation in progress) and Basic credentials. */
    public static class WithKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Watching.projects("it/empty", "it/unauthorized")
                    .set("adapter.auth.api-keys", OLD_KEY + "," + NEW_KEY)
                    .set("adapter.auth.basic.username", "keda")
                    .set("adapter.auth.basic.password", "auth-test-basic-password")
                    .set("adapter.webhook.secret", WEBHOOK_SECRET)
                    .config();
        }
    }

    @Test
    void withoutACredentialEveryQueueEndpointAnswers401Json() {
        for (String path : new String[] {
            "/queues",
            "/queues/projects/it%2Fempty",
            "/queues/projects/other%2Fx",
            "/nope",
            "/",
            "/status/queues",
            "/queues/projects/it%2Fempty/history",
            "/queues/projects/it%2Fempty/runners",
            "/queues/projects/it%2Fempty/readers"
        }) {
            List<String> challenges = given().urlEncodingEnabled(false)
                    .get(path)
                    .then()
                    .statusCode(401)
                    .contentType("application/json")
                    .body("error", equalTo("unauthorized"))
                    .body("message", containsString("X-API-KEY"))
                    .extract()
                    .headers()
                    .getValues("WWW-Authenticate");
            assertEquals(
                    List.of("Bearer realm=\"gitlab-queue-adapter\"", "Basic realm=\"gitlab-queue-adapter\""),
                    challenges);
        }
    }

    @Test
    void aWrongKeyIs401AndIsNotEchoed() {
        given().header("X-API-KEY", "not-the-key-0123456789")
                .get("/queues")
                .then()
                .statusCode(401)
                .body(not(containsString("not-the-key")));
    }

    @Test
    void acceptsTheKeyInTheHeaderTheQueryAndAsBearerAndBasic() {
        given().header("X-API-KEY", OLD_KEY).get("/queues").then().statusCode(200);
        given().header("X-API-KEY", NEW_KEY).get("/queues").then().statusCode(200);
        given().queryParam("api_key", NEW_KEY).get("/queues").then().statusCode(200);
        given().header("Authorization", "Bearer " + OLD_KEY)
                .get("/queues")
                .then()
                .statusCode(200);
        given().auth()
                .preemptive()
                .basic("keda", "auth-test-basic-password")
                .get("/queues")
                .then()
                .statusCode(200);
        given().auth().preemptive().basic("keda", "wrong").get("/queues").then().statusCode(401);
    }

    @Test
    void aCredentialPassesThroughToTheUsualAnswers() {
        given().header("X-API-KEY", NEW_KEY)
                .urlEncodingEnabled(false)
                .get("/queues/projects/other%2Fx")
                .then()
                .statusCode(404)
                .body("error", equalTo("not_found"));
    }

    /** Health and metrics answer without a credential (readiness itself: ops/FirstPollReadinessTest). */
    @Test
    void healthAndMetricsStayOpen() {
        // nothing is stubbed: GitLab knows no project, every poll fails
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'first-poll' }.status", equalTo("DOWN"));
        poller.poll(ProjectRef.parse("it/empty"));
        given().get("/q/health/well")
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'gitlab' }.data.'it/empty'", equalTo("not_found"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("gitlab_polls_total"));
    }

    @Test
    void noSecretReachesLogsAnswersMetricsOrHealth() {
        new GitLabStubs(wiremock)
                .answer(
                        "it/unauthorized",
                        aResponse()
                                .withStatus(401)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"message\":\"401 Unauthorized\"}"));
        StringBuilder seen = new StringBuilder();
        try (LogCapture everything = LogCapture.all()) {
            poller.poll(ProjectRef.parse("it/unauthorized"));
            poller.poll(ProjectRef.parse("it/unauthorized"));
            seen.append(given().header("X-API-KEY", OLD_KEY)
                    .urlEncodingEnabled(false)
                    .get("/queues/projects/it%2Funauthorized")
                    .then()
                    .statusCode(503)
                    .extract()
                    .asString());
            seen.append(given().header("X-API-KEY", OLD_KEY).get("/queues").asString());
            seen.append(given().header("X-API-KEY", "wrong-" + NEW_KEY)
                    .get("/queues")
                    .asString());
            seen.append(
                    given().queryParam("api_key", "x" + OLD_KEY).get("/queues").asString());
            seen.append(given().queryParam("api_key", OLD_KEY)
                    .get("/")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
            seen.append(given().queryParam("api_key", OLD_KEY)
                    .get("/status/queues")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
            seen.append(given().header("X-API-KEY", OLD_KEY)
                    .urlEncodingEnabled(false)
                    .get("/queues/projects/it%2Funauthorized/readers")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
            seen.append(given().get("/q/metrics").asString());
            seen.append(given().get("/q/health").asString());
            seen.append(given().header("X-Gitlab-Token", "x" + WEBHOOK_SECRET)
                    .body("{}")
                    .post("/webhooks/gitlab")
                    .asString());
            seen.append(given().header("X-Gitlab-Token", WEBHOOK_SECRET)
                    .header("X-Gitlab-Event", "Job Hook")
                    .body("{\"object_kind\":\"build\"}")
                    .post("/webhooks/gitlab")
                    .asString());
            everything.lines().forEach(line -> seen.append(line.message()).append('\n'));
            assertTrue(
                    everything.lines().stream().anyMatch(l -> l.message().contains("401 Unauthorized")),
                    "the capture did see the failing poll");
        }
        for (String secret :
                List.of("test-token-not-a-secret", OLD_KEY, NEW_KEY, "auth-test-basic-password", WEBHOOK_SECRET)) {
            assertFalse(seen.toString().contains(secret), "leaked: " + secret);
        }
    }

    @Test
    void theWebhookTakesGitLabsSecretNotAnApiKey() {
        given().header("X-Gitlab-Token", WEBHOOK_SECRET)
                .header("X-Gitlab-Event", "Push Hook")
                .body("{}")
                .post("/webhooks/gitlab")
                .then()
                .statusCode(202);
        given().header("X-API-KEY", OLD_KEY)
                .header("X-Gitlab-Event", "Job Hook")
                .body("{}")
                .post("/webhooks/gitlab")
                .then()
                .statusCode(401);
    }
}
