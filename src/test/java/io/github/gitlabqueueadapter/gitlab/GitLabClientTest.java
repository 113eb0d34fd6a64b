package io.github.gitlabqueueadapter.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.gitlabqueueadapter.support.GitLabStubs.jobsPath;
import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJobs;
import static io.github.gitlabqueueadapter.support.QueueReads.read;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the adapter asks GitLab for a project's jobs, seen where it shows: in the queue endpoint's answer and in what
 * WireMock, answering like GitLab, received. Pages without X-Total, retries, timeouts, client errors, the project's
 * own breaker, max-pages and the 429 pause every request shares.
 */
@QuarkusTest
@TestProfile(WatchProfiles.GitLabReads.class)
@WithTestResource(GitLabWireMock.class)
class GitLabClientTest {

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    QueuePoller poller;

    @Inject
    ProjectGuards guards;

    @InjectWireMock
    GitLabStubs stubs;

    private void poll(String project) {
        poller.poll(ProjectRef.parse(project));
    }

    @Test
    void countsEveryPageByFollowingTheKeysetCursorOfTheLinkHeaderWithoutXTotal() {
        List<List<String>> pages = List.of(pendingJobs(100, 30.0), pendingJobs(100, 20.0), pendingJobs(50, 124.5));
        stubs.jobPages("it/paged", pages);
        poll("it/paged");

        read("it/paged")
                .then()
                .statusCode(200)
                .body("pending", equalTo(250))
                .body("total", equalTo(250))
                .body("capped", equalTo(false))
                .body("oldestPendingSeconds", greaterThanOrEqualTo(124.5f));
        for (int page = 1; page <= 3; page++) {
            List<String> previous = page == 1 ? null : pages.get(page - 2);
            wiremock.verify(
                    1,
                    getRequestedFor(urlPathEqualTo(jobsPath("it/paged")))
                            .withQueryParam("pagination", WireMock.equalTo("keyset"))
                            .withQueryParam("order_by", WireMock.equalTo("id"))
                            .withQueryParam("sort", WireMock.equalTo("desc"))
                            .withQueryParam(
                                    "cursor",
                                    previous == null
                                            ? WireMock.absent()
                                            : WireMock.equalTo(GitLabStubs.cursorAfter(
                                                    GitLabStubs.idOf(previous.get(previous.size() - 1)))))
                            .withQueryParam("page", WireMock.absent())
                            .withQueryParam("per_page", WireMock.equalTo("100"))
                            .withQueryParam("scope[]", WireMock.havingExactly("pending", "running"))
                            .withHeader("PRIVATE-TOKEN", WireMock.equalTo("test-token-not-a-secret")));
        }
        assertEquals(3, stubs.requestsFor("it/paged"), "the Link's own URL, on " + GitLabStubs.ELSEWHERE + ", is not");
    }

    @Test
    void jobsFromTheEdgeOfTimeAreCountedAndEveryQueueStillAnswers() {
        String created = "\"created_at\":\"2026-11-20T10:01:02.345Z\"";
        String ancient = pendingJob(1)
                .replace(created, "\"created_at\":\"-999999999-01-01T00:00:00Z\"")
                .replace("\"queued_duration\":1.0", "\"queued_duration\":null");
        String unreadable = pendingJob(1)
                .replace(created, "\"created_at\":\"the day before yesterday\"")
                .replace("\"queued_duration\":1.0", "\"queued_duration\":-5.0");
        stubs.jobs("it/readers", ancient, unreadable, pendingJob(2));
        poll("it/readers");

        read("it/readers")
                .then()
                .statusCode(200)
                .body("pending", equalTo(3))
                .body("stale", equalTo(false))
                .body("oldestPendingSeconds", greaterThanOrEqualTo(2.0f));
        given().get("/queues").then().statusCode(200);
        given().get("/status/queues").then().statusCode(200);
    }

    @Test
    void aProjectPathIsEncodedOnceTowardGitLab() {
        stubs.jobs("it/readers", pendingJob(1));
        poll("it/readers");

        List<String> urls = wiremock.getAllServeEvents().stream()
                .map(e -> e.getRequest().getUrl())
                .toList();
        assertEquals(1, urls.size());
        assertTrue(urls.get(0).startsWith("/api/v4/projects/it%2Freaders/jobs?"), urls.get(0));
    }

    @Test
    void recoversFromA5xxByRetryingWithinTheSamePoll() {
        wiremock.stubFor(GitLabStubs.jobsRequest("it/flaky")
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502).withBody("Bad Gateway"))
                .willSetStateTo("up"));
        wiremock.stubFor(GitLabStubs.jobsRequest("it/flaky")
                .inScenario("flaky")
                .whenScenarioStateIs("up")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("X-Next-Page", "")
                        .withBody("[" + pendingJob(5) + "]")));
        poll("it/flaky");

        read("it/flaky").then().statusCode(200).body("pending", equalTo(1)).body("stale", equalTo(false));
        assertEquals(2, stubs.requestsFor("it/flaky"));
    }

    @Test
    void aSlowGitLabTimesOutAndIsRetriedThenReported() {
        stubs.answer("it/slow", aResponse().withStatus(200).withFixedDelay(2500).withBody("[]"));
        poll("it/slow");

        read("it/slow")
                .then()
                .statusCode(503)
                .body("error", equalTo("unavailable"))
                .body("message", containsString("did not answer within gitlab.timeout"));
        assertEquals(3, stubs.requestsFor("it/slow"), "one request and gitlab.max-retries=2 retries");
    }

    @Test
    void unauthorizedIsNotRetriedAndSaysWhy() {
        stubs.answer(
                "it/unauthorized",
                aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"401 Unauthorized\"}"));
        poll("it/unauthorized");

        read("it/unauthorized")
                .then()
                .statusCode(503)
                .body("project", equalTo("it/unauthorized"))
                .body("message", containsString("401 Unauthorized"))
                .body("message", not(containsString("test-token-not-a-secret")));
        assertEquals(1, stubs.requestsFor("it/unauthorized"));
    }

    @Test
    void aProjectGitLabDoesNotKnowIsReportedNotRetried() {
        stubs.answer(
                "it/missing",
                aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"404 Project Not Found\"}"));
        poll("it/missing");

        read("it/missing").then().statusCode(503).body("message", containsString("404"));
        assertEquals(1, stubs.requestsFor("it/missing"));
    }

    @Test
    void malformedJsonIsAnErrorNotAZero() {
        stubs.answer(
                "it/malformed",
                aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("[{\"id\": 1, \"status\": \"pend"));
        poll("it/malformed");

        read("it/malformed").then().statusCode(503).body("message", containsString("not a JSON list of jobs"));
    }

    @Test
    void oneProjectsFailuresLeaveAnothersBreakerClosed() {
        stubs.answer("it/broken", aResponse().withStatus(500));
        stubs.jobs("it/healthy", pendingJob(1), pendingJob(2));

        poll("it/broken");
        poll("it/broken");
        int requestsWhileOpening = stubs.requestsFor("it/broken");
        poll("it/broken");
        assertEquals(requestsWhileOpening, stubs.requestsFor("it/broken"), "an open breaker sends nothing to GitLab");
        assertEquals(
                CircuitBreakerState.OPEN,
                guards.breakerState(ProjectRef.parse("it/broken")).orElseThrow());

        poll("it/healthy");
        read("it/healthy").then().statusCode(200).body("pending", equalTo(2)).body("stale", equalTo(false));
        assertEquals(
                CircuitBreakerState.CLOSED,
                guards.breakerState(ProjectRef.parse("it/healthy")).orElseThrow());
        read("it/broken")
                .then()
                .statusCode(503)
                .body("message", containsString("GitLab answered 500"))
                .body("message", containsString("circuit breaker is open"));
    }

    @Test
    void stopsAtMaxPagesAndSaysTheCountIsCapped() {
        List<List<String>> pages = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            pages.add(pendingJobs(100, 1.0));
        }
        stubs.jobPages("it/capped", pages);
        poll("it/capped");

        read("it/capped").then().statusCode(200).body("pending", equalTo(500)).body("capped", equalTo(true));
        assertEquals(5, stubs.requestsFor("it/capped"), "%test.adapter.max-pages=5");
    }

    @Test
    void a429PausesEveryRequestToGitLabUntilRetryAfter() {
        stubs.answer(
                "it/limited",
                aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "2")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":{\"error\":\"This endpoint has been requested too many times. Try again"
                                + " later.\"}}"));
        poll("it/limited");
        read("it/limited").then().statusCode(503).body("message", containsString("429"));
        assertEquals(1, stubs.requestsFor("it/limited"), "a 429 is not retried at once");

        stubs.jobs("it/empty", pendingJob(1));
        poll("it/empty"); // another project: it waits too
        List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> events =
                new ArrayList<>(wiremock.getAllServeEvents());
        events.sort(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        long waitedMs = events.get(1).getRequest().getLoggedDate().getTime()
                - events.get(0).getRequest().getLoggedDate().getTime();
        assertTrue(waitedMs >= 1900, "the next request left " + waitedMs + " ms after the 429, not before Retry-After");
        read("it/empty").then().statusCode(200).body("pending", equalTo(1));
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.matches("(?s).*gitlab_ratelimit_paused_seconds_total [1-9].*"), "the pause is measured");
    }
}
