package io.github.gitlabqueueadapter.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJobs;
import static io.github.gitlabqueueadapter.support.GitLabStubs.runningJob;
import static io.github.gitlabqueueadapter.support.QueueReads.read;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.MutableClock;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The per-project endpoint as KEDA and curl see it, with WireMock answering like GitLab. The projects are those of
 * WatchProfiles.GitLabReads; each test starts with no snapshot, a
 * closed breaker and the real time ({@link io.github.gitlabqueueadapter.support.FreshStateBeforeEach}).
 */
@QuarkusTest
@TestProfile(WatchProfiles.GitLabReads.class)
@WithTestResource(GitLabWireMock.class)
class QueueEndpointTest {

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    QueuePoller poller;

    @Inject
    MutableClock clock;

    @InjectWireMock
    GitLabStubs stubs;

    private void poll(String project) {
        poller.poll(ProjectRef.parse(project));
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
    void fiftyReadsByTenReadersCauseNoGitLabRequest() throws Exception {
        stubs.jobs("it/readers", pendingJob(5), pendingJob(6), runningJob(17));
        poll("it/readers");
        int polled = stubs.requestsFor("it/readers"); // one, or two when a loaded machine made the first time out

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
        assertEquals(polled, stubs.requestsFor("it/readers"), "50 reads, no GitLab request of their own");
    }

    @Test
    void listsEveryWatchedProjectWithNumbersOrTheReason() {
        stubs.jobs("it/empty", pendingJob(3));
        poll("it/empty");

        given().get("/queues")
                .then()
                .statusCode(200)
                .body("intervalSeconds", equalTo(600.0f))
                .body("projects.project", hasItems("it/empty", "it/paged", "4242", "it/limited", "platform/api"))
                .body("projects.find { it.project == 'it/empty' }.pending", equalTo(1))
                .body("projects.find { it.project == 'it/capped' }.status", equalTo(503));
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
