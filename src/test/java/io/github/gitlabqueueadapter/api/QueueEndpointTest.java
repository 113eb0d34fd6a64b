package io.github.gitlabqueueadapter.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.gitlabqueueadapter.support.GitLabStubs.jobsPath;
import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJobs;
import static io.github.gitlabqueueadapter.support.GitLabStubs.runningJob;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.gitlab.ProjectGuards;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.LogCapture;
import io.github.gitlabqueueadapter.support.MutableClock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-project endpoint as KEDA and curl see it, with WireMock answering like GitLab. The projects are those of
 * {@code %test.adapter.projects} (src/test/resources/application.properties); each test starts with no snapshot, a
 * closed breaker and the real time ({@link io.github.gitlabqueueadapter.support.FreshStateBeforeEach}).
 */
@QuarkusTest
@WithTestResource(GitLabWireMock.class)
class QueueEndpointTest {

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    QueuePoller poller;

    @Inject
    ProjectGuards guards;

    @Inject
    MutableClock clock;

    GitLabStubs stubs;

    @BeforeEach
    void stubs() {
        stubs = new GitLabStubs(wiremock);
    }

    private void poll(String project) {
        poller.poll(ProjectRef.parse(project));
    }

    /** GET as KEDA sends it: the path already encoded once, not encoded again by the client. */
    private static Response read(String project) {
        return given().urlEncodingEnabled(false).get(url(project));
    }

    private static String url(String project) {
        return "/queues/projects/" + project.replace("/", "%2F");
    }

    @Test
    void anEmptyQueueIsZero() {
        stubs.jobs("it/empty");
        poll("it/empty");

        read("it/empty")
                .then()
                .statusCode(200)
                .body("project", equalTo("it/empty"))
                .body("pending", equalTo(0))
                .body("running", equalTo(0))
                .body("total", equalTo(0))
                .body("oldestPendingSeconds", equalTo(0.0f))
                .body("stale", equalTo(false))
                .body("capped", equalTo(false));
    }

    @Test
    void countsEveryPageByFollowingXNextPageWithoutXTotal() {
        stubs.jobPages("it/paged", List.of(pendingJobs(100, 30.0), pendingJobs(100, 20.0), pendingJobs(50, 124.5)));
        poll("it/paged");

        read("it/paged")
                .then()
                .statusCode(200)
                .body("pending", equalTo(250))
                .body("total", equalTo(250))
                .body("oldestPendingSeconds", greaterThanOrEqualTo(124.5f));
        for (int page = 1; page <= 3; page++) {
            wiremock.verify(
                    1,
                    getRequestedFor(urlPathEqualTo(jobsPath("it/paged")))
                            .withQueryParam("page", WireMock.equalTo(String.valueOf(page)))
                            .withQueryParam("per_page", WireMock.equalTo("100"))
                            .withQueryParam("scope[]", WireMock.havingExactly("pending", "running"))
                            .withHeader("PRIVATE-TOKEN", WireMock.equalTo("test-token-not-a-secret")));
        }
        assertEquals(3, stubs.requestsFor("it/paged"));
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
    void countsPendingAndRunningApartAndAsNumbers() {
        List<String> jobs = new ArrayList<>(pendingJobs(7, 42.7, "docker"));
        jobs.addAll(List.of(runningJob(17, "docker"), runningJob(17), runningJob(18, "linux")));
        stubs.jobPages("it/readers", List.of(jobs));
        poll("it/readers");

        Response response = read("it/readers");
        response.then()
                .statusCode(200)
                .body("pending", instanceOf(Integer.class))
                .body("pending", equalTo(7))
                .body("running", equalTo(3))
                .body("total", equalTo(10))
                .body("oldestPendingSeconds", instanceOf(Float.class));
        // KEDA's gjson reads a number, not a string: the raw body must carry 7 unquoted.
        assertTrue(response.asString().matches(".*\"pending\":7[,}].*"), response.asString());
        assertTrue(response.getContentType().startsWith("application/json"));
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
    void aRefusedTokenIsLoggedOncePerChangeOfStateAndNeverShown() {
        stubs.answer("it/unauthorized", aResponse().withStatus(401).withBody("{\"message\":\"401 Unauthorized\"}"));
        try (LogCapture log = LogCapture.of(QueuePoller.class)) {
            poll("it/unauthorized");
            poll("it/unauthorized");
            poll("it/unauthorized");
            List<LogCapture.Line> warnings = log.atLeast(Level.WARNING);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).message().contains("it/unauthorized"));
            assertTrue(warnings.get(0).message().contains("401 Unauthorized"));

            wiremock.resetAll();
            stubs.jobs("it/unauthorized", pendingJob(1));
            poll("it/unauthorized");
            assertTrue(
                    log.atLeast(Level.INFO).stream().anyMatch(l -> l.message().contains("GitLab answers again")));
            assertTrue(log.lines().stream().noneMatch(l -> l.message().contains("test-token-not-a-secret")));
        }
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
    void anUnlistedProjectIs404AndGitLabIsNotAsked() {
        read("someone/else")
                .then()
                .statusCode(404)
                .body("status", equalTo(404))
                .body("error", equalTo("not_found"))
                .body("project", equalTo("someone/else"));
        given().get("/queues/projects/999").then().statusCode(404).body("error", equalTo("not_found"));

        assertEquals(0, wiremock.getAllServeEvents().size());
    }

    @Test
    void aMalformedProjectIs400() {
        for (String bad :
                List.of("-5", "0", "1234567890123456789012", "..%2Fx", "a%2F..%2Fb", "single", "a%2Fb.git", "%20")) {
            given().urlEncodingEnabled(false)
                    .get("/queues/projects/" + bad)
                    .then()
                    .statusCode(400)
                    .body("error", equalTo("bad_request"))
                    .body("message", containsString("project"));
        }
        assertEquals(0, wiremock.getAllServeEvents().size());
    }

    @Test
    void aNumericIdAndAPathInAnotherCaseBothWork() {
        stubs.jobs("4242", pendingJob(1), pendingJob(2));
        poll("4242");
        given().get("/queues/projects/4242")
                .then()
                .statusCode(200)
                .body("project", equalTo("4242"))
                .body("pending", equalTo(2));

        stubs.jobs("it/empty", pendingJob(1));
        poll("it/empty");
        given().urlEncodingEnabled(false)
                .get("/queues/projects/IT%2FEmpty")
                .then()
                .statusCode(200)
                .body("project", equalTo("it/empty"));
    }

    @Test
    void servesStaleWhileGitLabFailsThen503PastMaxStalenessThenRecovers() {
        stubs.jobs("it/stale", pendingJob(10), pendingJob(20), pendingJob(30));
        poll("it/stale");
        read("it/stale")
                .then()
                .statusCode(200)
                .body("pending", equalTo(3))
                .body("stale", equalTo(false))
                .body("lastError", nullValue());

        wiremock.resetAll();
        stubs.answer("it/stale", aResponse().withStatus(503));
        clock.advance(Duration.ofMinutes(5));
        poll("it/stale");
        read("it/stale")
                .then()
                .statusCode(200)
                .body("pending", equalTo(3))
                .body("stale", equalTo(true))
                .body("ageSeconds", greaterThanOrEqualTo(300.0f))
                .body("lastError", containsString("GitLab answered 503"));

        clock.advance(Duration.ofMinutes(16)); // past %test.adapter.max-staleness=20m
        read("it/stale")
                .then()
                .statusCode(503)
                .body("error", equalTo("unavailable"))
                .body("message", containsString("older than adapter.max-staleness"));

        wiremock.resetAll();
        stubs.jobs("it/stale", pendingJob(1));
        poll("it/stale");
        read("it/stale").then().statusCode(200).body("pending", equalTo(1)).body("stale", equalTo(false));
    }

    @Test
    void tenReadersWithinOneIntervalCauseOneGitLabFetch() throws Exception {
        stubs.jobs("it/readers", pendingJob(5), pendingJob(6), runningJob(17));
        poll("it/readers");

        ExecutorService readers = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Integer>> reads = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                reads.add(() -> {
                    int pending = -1;
                    for (int j = 0; j < 5; j++) {
                        pending = read("it/readers")
                                .then()
                                .statusCode(200)
                                .extract()
                                .path("pending");
                    }
                    return pending;
                });
            }
            for (Future<Integer> read : readers.invokeAll(reads)) {
                assertEquals(2, read.get());
            }
        } finally {
            readers.shutdownNow();
        }
        assertEquals(1, stubs.requestsFor("it/readers"), "50 reads, one GitLab request");
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
    void listsEveryWatchedProjectWithNumbersOrTheReason() {
        stubs.jobs("it/empty", pendingJob(3));
        poll("it/empty");

        given().get("/queues")
                .then()
                .statusCode(200)
                .body("intervalSeconds", equalTo(600.0f))
                .body(
                        "projects.project",
                        hasItems("it/empty", "it/paged", "4242", "it/limited", "it/pool-a", "platform/api"))
                .body("projects.find { it.project == 'it/empty' }.pending", equalTo(1))
                .body("projects.find { it.project == 'it/capped' }.status", equalTo(503));
    }

    @Test
    void prometheusShowsTheQueuesAndWhatGitLabAnswered() {
        stubs.jobPages("it/paged", List.of(pendingJobs(100, 1), pendingJobs(100, 1), pendingJobs(50, 1)));
        poll("it/paged");
        stubs.answer("it/missing", aResponse().withStatus(404));
        poll("it/missing");

        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
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
        assertTrue(metrics.contains("gitlab_poll_pages_max{project=\"it/paged\"} 3.0"), metrics);
        assertTrue(metrics.matches("(?s).*gitlab_polls_total\\{project=\"it/missing\",result=\"not_found\"} [1-9].*"));
        assertTrue(metrics.contains("gitlab_circuit_breaker_state{project=\"it/paged\"} 0.0"));
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

    @Test
    void unknownPathsAndMethodsAnswerJson() {
        given().get("/nope").then().statusCode(404).body("error", equalTo("not_found"));
        given().urlEncodingEnabled(false)
                .post(url("it/empty"))
                .then()
                .statusCode(405)
                .body("status", equalTo(405));
        given().get("/dev/gitlab/api/v4/projects/demo%2Fweb/jobs").then().statusCode(404);
    }
}
