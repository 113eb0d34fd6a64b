package io.github.gitlabqueueadapter.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.Watching;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code adapter.metrics.per-project=true}: every named project has its own series, a pool's members too. */
@QuarkusTest
@TestProfile(PerProjectMetricsTest.PerProject.class)
@WithTestResource(GitLabWireMock.class)
class PerProjectMetricsTest {

    public static class PerProject implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Watching.projects("it/paged", "it/missing")
                    .pool("counted", "projects", "it/pooled")
                    .set("adapter.metrics.per-project", "true")
                    .config();
        }
    }

    @Inject
    QueuePoller poller;

    @InjectWireMock
    GitLabStubs stubs;

    @Test
    void everyNamedProjectHasItsSeries() {
        String metrics = MetricsTest.pollTwoProjectsAndScrape(poller, stubs);
        assertTrue(metrics.contains("gitlab_queue_pending{kind=\"project\",queue=\"it/paged\"} 250.0"), metrics);
        assertTrue(
                metrics.contains("gitlab_queue_pending{kind=\"project\",queue=\"it/pooled\"}"),
                "a pool's member has its own gauges too");
        assertTrue(metrics.contains("gitlab_queue_wait_seconds_count{kind=\"project\",queue=\"it/pooled\"}"));
        assertTrue(metrics.contains("gitlab_poll_pages_max{project=\"it/paged\"} 3.0"), metrics);
        assertTrue(metrics.matches("(?s).*gitlab_polls_total\\{project=\"it/missing\",result=\"not_found\"} [1-9].*"));
        assertTrue(metrics.contains("gitlab_circuit_breaker_state{project=\"it/paged\"} 0.0"));
        assertTrue(metrics.matches("(?s).*gitlab_circuit_breakers\\{state=\"closed\"} [1-9].*"), metrics);
    }
}
