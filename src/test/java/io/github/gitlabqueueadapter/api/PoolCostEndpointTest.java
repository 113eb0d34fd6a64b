package io.github.gitlabqueueadapter.api;

import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.github.gitlabqueueadapter.support.GitLabStubs.runningJob;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.announcements.ScalersObserved;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.MutableClock;
import io.github.gitlabqueueadapter.support.Watching;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pool's runner timeline, on a stopped clock, gives the runner-hours and cost its JSON, its metrics and its status
 * card say: {@code priced} takes 2 jobs a runner at 0.5 a runner-hour, {@code scaled} is provisioned by a KEDA
 * ScaledObject at 0.25, {@code plain} has neither capacity nor price.
 */
@QuarkusTest
@TestProfile(PoolCostEndpointTest.PricedPools.class)
@WithTestResource(GitLabWireMock.class)
class PoolCostEndpointTest {

    /** Three pools, one project each. */
    public static class PricedPools implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Watching.nothingYet()
                    .pool("priced", "projects", "it/priced", "capacity-per-runner", "2", "cost-per-runner-hour", "0.5")
                    .pool("scaled", "projects", "it/scaled", "capacity-per-runner", "1", "cost-per-runner-hour", "0.25")
                    .pool("plain", "projects", "it/plain")
                    .config();
        }
    }

    private static final Instant MONDAY = Instant.parse("2026-12-14T10:00:00Z");

    @Inject
    QueuePoller poller;

    @Inject
    MutableClock clock;

    @Inject
    Event<ScalersObserved> scalers;

    @InjectWireMock
    GitLabStubs stubs;

    private void poll(String project) {
        poller.poll(ProjectRef.parse(project));
    }

    /** Polls {@code project} every 5 minutes (the gap a reading counts at most) for {@code minutes}. */
    private void pollEvery5MinutesFor(String project, int minutes) {
        for (int minute = 5; minute <= minutes; minute += 5) {
            clock.advance(Duration.ofMinutes(5));
            poll(project);
        }
    }

    private static JsonPath pool(String name) {
        return given().get("/queues/pools/" + name)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Two hours of 4 running jobs (2 busy runners) and 2 pending, so that the pool desires 3 runners. */
    @Test
    void twoHoursOfTwoBusyRunnersOutOfThreeCostSixRunnerHours() {
        clock.stopAt(MONDAY);
        stubs.jobs(
                "it/priced",
                pendingJob(10),
                pendingJob(10),
                runningJob(5),
                runningJob(5),
                runningJob(5),
                runningJob(5));
        poll("it/priced");
        assertEquals(3, pool("priced").getInt("desired"), "ceil((2 + 4) / 2)");
        poll("it/priced"); // the first reading that knows the desired runners
        pollEvery5MinutesFor("it/priced", 120);
        stubs.jobs("it/priced");
        poll("it/priced");

        JsonPath cost = pool("priced").setRootPath("cost");
        assertEquals(0.5, cost.getDouble("pricePerRunnerHour"));
        assertEquals("UTC", cost.getString("timezone"));
        assertEquals(1, cost.getList("days").size());
        assertEquals("2026-12-14", cost.getString("days[0].date"));
        assertEquals(4.0, cost.getDouble("days[0].busyRunnerHours"), "2 runners × 2 h");
        assertEquals(6.0, cost.getDouble("days[0].provisionedRunnerHours"), "3 runners × 2 h");
        assertEquals(2.0, cost.getDouble("days[0].idleRunnerHours"));
        assertEquals(1.0 / 3, cost.getDouble("days[0].idleShare"), 0.0001);
        assertEquals(3.0, cost.getDouble("days[0].cost"), "6 runner-hours at 0.5");
        assertEquals("desired", cost.getString("days[0].provisionedFrom"));
        assertEquals(2.0, cost.getDouble("days[0].talliedHours"));

        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(
                metrics.contains(
                        "gitlab_queue_runner_seconds_total{kind=\"pool\",queue=\"priced\",state=\"busy\"} 14400.0"),
                metrics);
        assertTrue(metrics.contains(
                "gitlab_queue_runner_seconds_total{kind=\"pool\",queue=\"priced\",state=\"provisioned\"} 21600.0"));
        assertTrue(metrics.contains("gitlab_queue_runner_cost_total{kind=\"pool\",queue=\"priced\"} 3.0"));
        assertTrue(
                !metrics.contains("gitlab_queue_runner_cost_total{kind=\"pool\",queue=\"plain\"}"),
                "no cost series for a pool without a price");

        given().get("/status/queues")
                .then()
                .statusCode(200)
                .body(containsString("2026-12-14 UTC: 4 runner-h busy of 6 provisioned (desired), 33 % idle, cost 3"));
    }

    /** A KEDA object reading the pool says how many runners there are, before the pool's own desired. */
    @Test
    void kedasReplicasAreTheProvisionedRunners() {
        clock.stopAt(MONDAY);
        stubs.jobs("it/scaled", runningJob(5), runningJob(5));
        poll("it/scaled");
        assertEquals(2, pool("scaled").getInt("desired"));
        scalers.fire(new ScalersObserved(
                MONDAY,
                List.of(new ScalersObserved.Scaler(
                        QueueKey.pool("scaled"), "ScaledObject", "ci", "runners", 5, 4, null))));
        poll("it/scaled");
        pollEvery5MinutesFor("it/scaled", 15);

        JsonPath day = pool("scaled").setRootPath("cost.days[0]");
        assertEquals(0.5, day.getDouble("busyRunnerHours"), "2 runners × 15 min");
        assertEquals(1.0, day.getDouble("provisionedRunnerHours"), "4 current replicas × 15 min");
        assertEquals(0.5, day.getDouble("idleShare"));
        assertEquals(0.25, day.getDouble("cost"));
        assertEquals("keda", day.getString("provisionedFrom"));
    }

    /**
     * A pool without a price answers as it did before prices existed, however long it ran: its busy runner-hours are
     * in the metrics only.
     */
    @Test
    void aPoolWithoutPriceAnswersAsBeforeAndCountsItsRunnerHoursInTheMetricsOnly() {
        clock.stopAt(MONDAY);
        stubs.jobs("it/plain", runningJob(5), runningJob(5));
        poll("it/plain");
        pollEvery5MinutesFor("it/plain", 30);
        given().get("/queues/pools/plain")
                .then()
                .statusCode(200)
                .body("running", equalTo(2))
                .body("cost", nullValue())
                .body(not(containsString("cost")));
        given().get("/status/queues").then().statusCode(200).body(not(containsString("runner-h busy")));
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertTrue(
                metrics.contains(
                        "gitlab_queue_runner_seconds_total{kind=\"pool\",queue=\"plain\",state=\"busy\"} 3600.0"),
                metrics);
    }
}
