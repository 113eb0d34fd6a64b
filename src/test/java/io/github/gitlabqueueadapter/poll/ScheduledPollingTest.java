package io.github.gitlabqueueadapter.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJobs;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.JobHooks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scheduler, end to end: with a 1 s interval the number appears, survives GitLab going away as a stale 200, turns
 * into 503 past max-staleness, and comes back by itself when GitLab does. Waits are generous upper bounds, not
 * timing claims (those live in bench/).
 */
@QuarkusTest
@TestProfile(ScheduledPollingTest.FastPolling.class)
@WithTestResource(GitLabWireMock.class)
class ScheduledPollingTest {

    /** Real scheduling with a short interval, for one project. */
    public static class FastPolling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.scheduler.enabled",
                    "true",
                    "adapter.poll-interval",
                    "1s",
                    "adapter.max-staleness",
                    "10s",
                    "adapter.reconcile-interval",
                    "1h",
                    "adapter.projects",
                    "it/scheduled,it/hanging");
        }
    }

    private static final String PROJECT = "it/scheduled";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @InjectWireMock
    WireMockServer wiremock;

    private static void awaitAnswer(int status, String field, Object value) {
        awaitAnswer("it%2Fscheduled", status, field, value);
    }

    private static void awaitAnswer(String project, int status, String field, Object value) {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> given().urlEncodingEnabled(false)
                        .get("/queues/projects/" + project)
                        .then()
                        .statusCode(status)
                        .body(field, equalTo(value)));
    }

    @Test
    void aProjectWhoseJobEventsArriveIsPolledAtTheReconcileIntervalOnly() {
        GitLabStubs stubs = new GitLabStubs(wiremock);
        String job = GitLabStubs.pendingJob(1);
        stubs.jobs(PROJECT, job);
        awaitAnswer(200, "pending", 1);
        long polling = stubs.requestsFor(PROJECT);
        await().atMost(PATIENCE).until(() -> stubs.requestsFor(PROJECT) >= polling + 2); // every second

        long id = Long.parseLong(job.substring(job.indexOf(':') + 1, job.indexOf(',')));
        JobHooks.deliver(JobHooks.event(id, "running", PROJECT, 17L, null));
        awaitAnswer(200, "source", "events");
        long fed = stubs.requestsFor(PROJECT);
        await().during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(6))
                .until(() -> stubs.requestsFor(PROJECT) <= fed + 1); // at most one that was already booked
        given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Fscheduled")
                .then()
                .statusCode(200)
                .body("stale", equalTo(false))
                .body("running", equalTo(1));
    }

    @Test
    void aHangingProjectDelaysOnlyItself() {
        GitLabStubs stubs = new GitLabStubs(wiremock);
        stubs.jobs(PROJECT, GitLabStubs.pendingJob(1));
        stubs.jobs("it/hanging", GitLabStubs.pendingJob(1));
        awaitAnswer("it%2Fhanging", 200, "pending", 1);

        // every attempt now waits out gitlab.timeout (1 s): one poll of it/hanging takes about 4 s
        stubs.answer("it/hanging", aResponse().withFixedDelay(3_000).withStatus(200));
        awaitAnswer("it%2Fhanging", 200, "stale", true);
        stubs.jobs(PROJECT, GitLabStubs.pendingJob(1), GitLabStubs.pendingJob(1));
        awaitAnswer(200, "pending", 2);
        awaitAnswer(200, "stale", false);
        awaitAnswer("it%2Fhanging", 503, "error", "unavailable");
        given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Fscheduled")
                .then()
                .statusCode(200)
                .body("stale", equalTo(false))
                .body("ageSeconds", lessThan(3.0f));
    }

    @Test
    void pollsByItselfGoesStaleThenUnavailableAndRecovers() {
        GitLabStubs stubs = new GitLabStubs(wiremock);
        stubs.jobPages(PROJECT, List.of(pendingJobs(100, 1), pendingJobs(100, 1), pendingJobs(50, 1)));
        awaitAnswer(200, "pending", 250);

        wiremock.resetAll();
        stubs.answer(PROJECT, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        awaitAnswer(200, "stale", true);
        awaitAnswer(503, "error", "unavailable");

        wiremock.resetAll();
        stubs.jobs(PROJECT, GitLabStubs.pendingJob(2), GitLabStubs.pendingJob(3));
        awaitAnswer(200, "pending", 2);
        given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Fscheduled")
                .then()
                .body("stale", equalTo(false));
    }
}
