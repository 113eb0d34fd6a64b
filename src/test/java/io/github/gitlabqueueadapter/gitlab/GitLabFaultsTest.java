package io.github.gitlabqueueadapter.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJobs;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
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
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a broken GitLab (or something in front of it) can send. Whatever comes, the last good number stays, marked
 * stale; the fault is counted in the metrics; and the HTTP client's pool ends idle, with no connection left behind.
 */
@QuarkusTest
@TestProfile(WatchProfiles.GitLabReads.class)
@WithTestResource(GitLabWireMock.class)
class GitLabFaultsTest {

    private static final String PROJECT = "it/faults";
    /** A second server standing for "another host" that a redirect points to. */
    private static WireMockServer elsewhere;

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    QueuePoller poller;

    @BeforeAll
    static void startElsewhere() {
        elsewhere =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        elsewhere.start();
    }

    @AfterAll
    static void stopElsewhere() {
        elsewhere.stop();
    }

    /** Each fault, and how the request is counted: outcome and status class (a body fails after a 200). */
    static Stream<Arguments> faults() {
        String json = "application/json";
        return Stream.of(
                Arguments.of(
                        "connection reset",
                        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                        "unreachable",
                        "none"),
                Arguments.of("empty response", aResponse().withFault(Fault.EMPTY_RESPONSE), "unreachable", "none"),
                Arguments.of(
                        "garbage then close",
                        aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE),
                        "unreachable",
                        "none"),
                Arguments.of(
                        "malformed chunk",
                        aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK),
                        "bad_response",
                        "2xx"),
                Arguments.of(
                        "truncated JSON",
                        aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", json)
                                .withBody("[" + pendingJob(1) + ","
                                        + pendingJob(2).substring(0, 40)),
                        "bad_response",
                        "2xx"),
                Arguments.of(
                        "10 MB body",
                        aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", json)
                                .withBody(tenMegabytesOfJobs()),
                        "bad_response",
                        "2xx"),
                Arguments.of(
                        "body slower than the timeout",
                        aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", json)
                                .withBody("[" + pendingJob(1) + "]")
                                .withChunkedDribbleDelay(10, 3000),
                        "timeout",
                        "2xx"),
                Arguments.of(
                        "a null where a job should be",
                        aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", json)
                                .withBody("[" + pendingJob(1) + ",null]"),
                        "bad_response",
                        "2xx"),
                Arguments.of(
                        "HTML error page with 200",
                        aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "text/html")
                                .withBody("<html><body>Sign in to the corporate proxy</body></html>"),
                        "bad_response",
                        "2xx"),
                Arguments.of(
                        "JSON with the wrong content type",
                        aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "text/plain")
                                .withBody("[]"),
                        "bad_response",
                        "2xx"));
    }

    /** A JSON list of jobs just over 10 MiB, larger than the default gitlab.max-page-size of 8 MiB. */
    private static String tenMegabytesOfJobs() {
        String job = pendingJob(1);
        return "[" + String.join(",", pendingJobs((10 << 20) / job.length() + 1, 1)) + "]";
    }

    private void poll() {
        poller.poll(ProjectRef.parse(PROJECT));
    }

    private void pollGood() {
        new GitLabStubs(wiremock).jobs(PROJECT, pendingJob(1), pendingJob(2), pendingJob(3));
        poll();
        given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Ffaults")
                .then()
                .statusCode(200)
                .body("pending", equalTo(3))
                .body("stale", equalTo(false));
    }

    /** The series' value now; a series missing from {@code /q/metrics} fails the check that reads it. */
    private static double metric(String series) {
        return find(series).orElseThrow(() -> new AssertionError(series + " is not in /q/metrics"));
    }

    /** A request timer is registered at its first request: before any, its count is none yet. */
    private static double countBefore(String series) {
        return find(series).orElse(0.0);
    }

    private static Optional<Double> find(String series) {
        String text = given().get("/q/metrics").asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+|NaN)$")
                .matcher(text);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void keepsTheLastGoodNumberStaleAndCountsTheFault(
            String fault, ResponseDefinitionBuilder answer, String outcome, String statusClass) {
        pollGood();
        String series = "gitlab_requests_seconds_count{outcome=\"" + outcome + "\",status=\"" + statusClass + "\"}";
        double before = countBefore(series);

        wiremock.resetAll();
        new GitLabStubs(wiremock).answer(PROJECT, answer);
        poll();

        given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Ffaults")
                .then()
                .statusCode(200)
                .body("pending", equalTo(3))
                .body("stale", equalTo(true));
        assertTrue(metric(series) > before, fault + " is counted as " + series);
        // %test.gitlab.idle-connection-timeout=1s: a connection still open after that is held by someone: a leak.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertEquals(
                    0.0, metric("http_client_queue_size{clientName=\"gitlab\"}"), "no request waits for a connection");
            assertEquals(
                    0.0,
                    metric("http_client_connections_seconds_active_count{clientName=\"gitlab\"}"),
                    "every connection was released and closed");
        });
    }

    @Test
    void aRedirectIsNotFollowedSoTheTokenNeverLeavesGitLab() {
        pollGood();
        wiremock.resetAll();
        new GitLabStubs(wiremock)
                .answer(
                        PROJECT,
                        aResponse()
                                .withStatus(302)
                                .withHeader("Location", elsewhere.baseUrl() + "/api/v4/projects/it%2Ffaults/jobs"));
        poll();

        given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Ffaults")
                .then()
                .statusCode(200)
                .body("stale", equalTo(true))
                .body("lastError", containsString("302"))
                .body("lastError", containsString("not followed"));
        elsewhere.verify(0, anyRequestedFor(anyUrl()));
    }
}
