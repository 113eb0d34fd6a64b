package io.github.gitlabqueueadapter.insight;

import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJobs;
import static io.github.gitlabqueueadapter.support.GitLabStubs.runningJob;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.JobHooks;
import io.github.gitlabqueueadapter.support.MutableClock;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** History, forecast, runners and readers of a queue, all answered from memory. */
@QuarkusTest
@TestProfile(WatchProfiles.Events.class)
@WithTestResource(GitLabWireMock.class)
class InsightEndpointTest {

    private static final String KEDA = "Go-http-client/1.1";

    @InjectWireMock
    WireMockServer wiremock;

    @Inject
    QueuePoller poller;

    @Inject
    MutableClock clock;

    @InjectWireMock
    GitLabStubs stubs;

    private static RequestSpecification read() {
        return given().urlEncodingEnabled(false);
    }

    @Test
    void historyRunnersAndReadersOfAProjectAnswerWithoutAskingGitLab() {
        stubs.jobs(
                "it/insight",
                pendingJob(5),
                pendingJob(9, "docker"),
                pendingJob(2),
                runningJob(17),
                runningJob(17),
                runningJob(18));
        poller.poll(ProjectRef.parse("it/insight"));
        clock.advance(Duration.ofSeconds(30));
        stubs.jobs("it/insight", pendingJob(5), runningJob(18));
        poller.poll(ProjectRef.parse("it/insight"));
        int requests = wiremock.getAllServeEvents().size();

        read().get("/queues/projects/it%2Finsight/history?since=1h")
                .then()
                .statusCode(200)
                .body("kind", equalTo("project"))
                .body("name", equalTo("it/insight"))
                .body("retentionSeconds", equalTo(21600.0f))
                .body("horizonSeconds", equalTo(120.0f))
                .body("samples", hasSize(2))
                .body("samples[0].pending", equalTo(3))
                .body("samples[0].running", equalTo(3))
                .body("samples[0].total", equalTo(6))
                .body("samples[0].oldestPendingSeconds", notNullValue())
                .body("samples[1].pending", equalTo(1))
                .body("samples[1].running", equalTo(1))
                .body("samples[1].forecastPending", equalTo(1)); // two samples are not enough history to forecast
        read().get("/queues/projects/it%2Finsight/history?since=10s")
                .then()
                .statusCode(200)
                .body("samples", hasSize(1));

        read().get("/queues/projects/it%2Finsight/runners")
                .then()
                .statusCode(200)
                .body("runners", hasSize(2))
                .body("runners[0].id", equalTo(18))
                .body("runners[0].jobsNow", equalTo(1))
                .body("runners[0].description", equalTo("k8s-runner-18"))
                .body("runners[1].id", equalTo(17))
                .body("runners[1].jobsNow", equalTo(0))
                .body("runners[1].lastSeenAt", notNullValue());

        read().get("/queues/projects/it%2Finsight/readers")
                .then()
                .statusCode(200)
                .body("readers", hasSize(0))
                .body("lastReadAt", nullValue())
                .body("readsPerMinute", equalTo(0));
        read().header("User-Agent", KEDA)
                .get("/queues/projects/it%2Finsight")
                .then()
                .statusCode(200)
                .body("lastReadAt", nullValue())
                .body("forecastPending", equalTo(1));
        read().header("User-Agent", KEDA)
                .get("/queues/projects/it%2Finsight")
                .then()
                .statusCode(200)
                .body("lastReadAt", notNullValue())
                .body("readsPerMinute", equalTo(1));
        read().header("User-Agent", "curl/8.5.0")
                .get("/queues/projects/it%2Finsight?tags=docker")
                .then()
                .statusCode(200);
        read().get("/queues/projects/it%2Finsight/readers")
                .then()
                .statusCode(200)
                .body("readers", hasSize(2))
                .body("readsPerMinute", equalTo(3))
                .body("reads", equalTo(3))
                .body("readers.find { it.userAgent == 'Go-http-client/1.1' }.readsLastMinute", equalTo(2))
                .body("readers[0].userAgent", equalTo("curl/8.5.0"));

        given().get("/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("data-name=\"it/insight\""))
                .body(containsString("href=\"queues/projects/it%2Finsight\""));
        given().get("/status/queues").then().statusCode(200).body(containsString("data-name=\"it/insight\""));
        assertEquals(
                requests,
                wiremock.getAllServeEvents().size(),
                "history, runners, readers and the status page sent nothing to GitLab");
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("gitlab_queue_reads_total{kind=\"project\",queue=\"it/insight\"} 3.0"))
                .body(containsString("gitlab_queue_runners{kind=\"project\",queue=\"it/insight\"} 1.0"))
                .body(containsString("gitlab_queue_forecast_pending{kind=\"project\",queue=\"it/insight\"} 1.0"))
                .body(containsString("gitlab_queue_last_read_age_seconds{kind=\"project\",queue=\"it/insight\"}"));
    }

    @Test
    void forecastPendingFollowsARampOnceThereIsHistory() {
        List<String> jobs = new ArrayList<>();
        for (int poll = 0; poll < 8; poll++) { // two more pending jobs every 30 s, for 3.5 minutes
            stubs.jobs("it/ramp", jobs.toArray(String[]::new));
            poller.poll(ProjectRef.parse("it/ramp"));
            clock.advance(Duration.ofSeconds(30));
            jobs.addAll(pendingJobs(2, 1));
        }
        stubs.jobs("it/ramp", jobs.toArray(String[]::new));
        poller.poll(ProjectRef.parse("it/ramp"));
        // 16 pending now, two more every 30 s: 8 more in the 2 minutes of adapter.forecast.horizon
        read().get("/queues/projects/it%2Framp")
                .then()
                .statusCode(200)
                .body("pending", equalTo(16))
                .body("forecastPending", equalTo(24));
        read().get("/queues/projects/it%2Framp?untagged=true")
                .then()
                .statusCode(200)
                .body("pending", equalTo(16))
                .body("forecastPending", equalTo(16)); // no history for a filtered read
        read().get("/queues/projects/it%2Framp/history?points=3")
                .then()
                .statusCode(200)
                .body("samples", hasSize(3))
                .body("samples[2].pending", equalTo(16));
    }

    @Test
    void aJobEventAddsASample() {
        stubs.jobs("it/hooked");
        poller.poll(ProjectRef.parse("it/hooked"));
        clock.advance(Duration.ofSeconds(30));
        int before = read().get("/queues/projects/it%2Fhooked/history")
                .then()
                .statusCode(200)
                .extract()
                .path("samples.size()");
        JobHooks.deliver(JobHooks.event(99_000_001L, "pending", "it/hooked", null, "\"docker\""))
                .body("result", equalTo("applied"));
        read().get("/queues/projects/it%2Fhooked/history")
                .then()
                .statusCode(200)
                .body("samples.size()", equalTo(before + 1))
                .body("samples[-1].pending", equalTo(1));
        given().get("/queues/pools/hooked/history").then().statusCode(200).body("samples[-1].pending", equalTo(1));
    }

    @Test
    void badQueriesAndUnknownQueuesAreClearErrors() {
        read().get("/queues/projects/it%2Finsight/history?since=yesterday")
                .then()
                .statusCode(400)
                .body("error", equalTo("bad_request"))
                .body("message", containsString("since"));
        read().get("/queues/projects/it%2Finsight/history?since=-5m").then().statusCode(400);
        read().get("/queues/projects/it%2Finsight/history?points=1")
                .then()
                .statusCode(400)
                .body("message", containsString("points"));
        read().get("/queues/projects/it%2Fnot-watched/history")
                .then()
                .statusCode(404)
                .body("error", equalTo("not_found"));
        read().get("/queues/pools/no-such-pool/runners").then().statusCode(404);
        read().get("/queues/things/x/history").then().statusCode(404);
        read().get("/queues/groups/it-group/readers").then().statusCode(200).body("name", equalTo("it-group"));
        read().get("/queues/projects/it%2Finsight/history?since=30d")
                .then()
                .statusCode(200); // clamped to the retention
    }
}
