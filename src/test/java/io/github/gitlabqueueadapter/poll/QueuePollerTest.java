package io.github.gitlabqueueadapter.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.LogCapture;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** What the poller tells the log about a failing project: once per change of reason, never a token. */
@QuarkusTest
@TestProfile(WatchProfiles.GitLabReads.class)
@WithTestResource(GitLabWireMock.class)
class QueuePollerTest {

    @Inject
    QueuePoller poller;

    @InjectWireMock
    GitLabStubs stubs;

    @Test
    void aRefusedTokenIsLoggedOncePerChangeOfStateAndNeverShown() {
        stubs.answer("it/unauthorized", aResponse().withStatus(401).withBody("{\"message\":\"401 Unauthorized\"}"));
        try (LogCapture log = LogCapture.of(QueuePoller.class)) {
            poller.poll(ProjectRef.parse("it/unauthorized"));
            poller.poll(ProjectRef.parse("it/unauthorized"));
            poller.poll(ProjectRef.parse("it/unauthorized"));
            List<LogCapture.Line> warnings = log.atLeast(Level.WARNING);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).message().contains("it/unauthorized"));
            assertTrue(warnings.get(0).message().contains("401 Unauthorized"));

            stubs.resetAll();
            stubs.jobs("it/unauthorized", pendingJob(1));
            poller.poll(ProjectRef.parse("it/unauthorized"));
            assertTrue(
                    log.atLeast(Level.INFO).stream().anyMatch(l -> l.message().contains("GitLab answers again")));
            assertTrue(log.lines().stream().noneMatch(l -> l.message().contains("test-token-not-a-secret")));
        }
    }
}
