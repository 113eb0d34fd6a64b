package io.github.gitlabqueueadapter.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJobs;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus page: each queue's numbers (NaN where none can be served) and what GitLab answered; no series per
 * project but those of named projects nothing else counts.
 */
@QuarkusTest
@TestProfile(WatchProfiles.GitLabReads.class)
@WithTestResource(GitLabWireMock.class)
class MetricsTest {

    @Inject
    QueuePoller poller;

    @InjectWireMock
    GitLabStubs stubs;

    /** Polls it/paged (three pages, 250 pending jobs) and it/missing (404), then scrapes {@code /q/metrics}. */
    static String pollTwoProjectsAndScrape(QueuePoller poller, GitLabStubs stubs) {
        stubs.jobPages("it/paged", List.of(pendingJobs(100, 1), pendingJobs(100, 1), pendingJobs(50, 1)));
        poller.poll(ProjectRef.parse("it/paged"));
        stubs.answer("it/missing", aResponse().withStatus(404));
        poller.poll(ProjectRef.parse("it/missing"));
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void prometheusShowsTheQueuesAndWhatGitLabAnswered() {
        String metrics = pollTwoProjectsAndScrape(poller, stubs);
        assertTrue(metrics.contains("gitlab_queue_pending{kind=\"project\",queue=\"it/paged\"} 250.0"), metrics);
        assertTrue(metrics.contains("gitlab_queue_total{kind=\"project\",queue=\"it/paged\"} 250.0"));
        assertTrue(
                metrics.contains("gitlab_queue_pending{kind=\"project\",queue=\"it/missing\"} NaN"),
                "no number is invented for a queue that cannot be read");
        assertTrue(
                metrics.matches("(?s).*gitlab_requests_seconds_count\\{outcome=\"success\",status=\"2xx\"} [1-9].*"));
        assertTrue(
                metrics.matches("(?s).*gitlab_requests_seconds_count\\{outcome=\"not_found\",status=\"4xx\"} [1-9].*"));
        assertTrue(
                metrics.contains("gitlab_requests_seconds_bucket{outcome=\"success\",status=\"2xx\",le="),
                "a histogram");
        assertTrue(metrics.matches("(?s).*gitlab_poll_pages_max [1-9].*"), metrics);
        assertTrue(metrics.matches("(?s).*gitlab_polls_total\\{result=\"not_found\"} [1-9].*"));
        assertTrue(metrics.matches("(?s).*gitlab_circuit_breakers\\{state=\"closed\"} [1-9].*"), metrics);
        assertTrue(metrics.contains("gitlab_circuit_breakers{state=\"open\"} 0.0"));
        assertFalse(metrics.contains("project=\""), "no series per project unless adapter.metrics.per-project");
        assertFalse(
                metrics.contains("queue=\"it/moving\""), "a named project its pool counts is shown through the pool");
        assertTrue(metrics.contains("gitlab_queue_pending{kind=\"pool\",queue=\"moving\"}"));
        assertFalse(
                metrics.lines().anyMatch(line -> line.startsWith("ft_")),
                "no fault-tolerance meters: they were some 20 series per project guard");
    }
}
