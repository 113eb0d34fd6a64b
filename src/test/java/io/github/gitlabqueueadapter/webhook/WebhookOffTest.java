package io.github.gitlabqueueadapter.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.Watching;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The webhook endpoint stays off (404) until {@code adapter.webhook.secret} is set. */
@QuarkusTest
@TestProfile(WebhookOffTest.WithoutASecret.class)
@WithTestResource(GitLabWireMock.class)
class WebhookOffTest {

    /** The test configuration without its webhook secret. */
    public static class WithoutASecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Watching.projects("it/empty")
                    .set("adapter.webhook.secret", "")
                    .config();
        }
    }

    @Test
    void withoutASecretTheWebhookIsOff() {
        given().header("X-Gitlab-Token", "anything")
                .header("X-Gitlab-Event", "Job Hook")
                .body("{}")
                .post("/webhooks/gitlab")
                .then()
                .statusCode(404)
                .body("message", containsString("adapter.webhook.secret"));
    }
}
