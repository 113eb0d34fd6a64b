package io.github.gitlabqueueadapter.gitlab;

import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.HttpsGitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.TestConfigs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A self-managed GitLab whose certificate comes from a private CA, trusted through gitlab.tls.ca-file. */
@QuarkusTest
@TestProfile(GitLabTlsTest.PrivateCa.class)
@WithTestResource(HttpsGitLabWireMock.class)
class GitLabTlsTest {

    /** Its own application: the HTTPS GitLab replaces the plain one. */
    public static class PrivateCa implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("adapter.projects", "it/tls");
        }
    }

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    QueuePoller poller;

    @Test
    void readsGitLabOverHttpsWithThePrivateCa() {
        new GitLabStubs(wiremock).jobs("it/tls", pendingJob(1), pendingJob(2));
        poller.poll(ProjectRef.parse("it/tls"));
        given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Ftls")
                .then()
                .statusCode(200)
                .body("pending", equalTo(2))
                .body("stale", equalTo(false));
    }

    @Test
    void withoutTheCaTheSameGitLabIsRefused() {
        GitLabConfig plain = TestConfigs.gitlab(
                "gitlab.url", "https://localhost:" + wiremock.httpsPort(),
                "gitlab.timeout", "2s",
                "gitlab.max-retries", "0");
        GitLabApi api = GitLabConnection.builder(plain).build(GitLabApi.class);
        assertThrows(ProcessingException.class, () -> api.jobs("it/tls", List.of("pending"), 100, 1, null));
    }

    @Test
    void thePrivateCaIsAddedToTheJvmsNotSubstituted() throws Exception {
        int jvm = PemTrust.withJvmDefaults(HttpsGitLabWireMock.caFile).size();
        assertTrue(jvm > 1 + 10, "the JVM's public CAs are still trusted: " + jvm + " entries");
    }
}
