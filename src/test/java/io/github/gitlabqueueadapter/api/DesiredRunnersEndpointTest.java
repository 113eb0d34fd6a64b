package io.github.gitlabqueueadapter.api;

import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.github.gitlabqueueadapter.support.GitLabStubs.runningJob;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.github.gitlabqueueadapter.domain.ProjectRef;
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
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pool with a schedule policy answers {@code desired} as its schedule says, on a clock set to known minutes: the
 * pool {@code capacity} takes 2 jobs a runner, at most 5 runners, keeps 4 jobs warm on Berlin's working hours
 * ({@code 20-workday}) and none otherwise ({@code 10-always}, idle-time 10m); the pool {@code fast} has no capacity.
 */
@QuarkusTest
@TestProfile(DesiredRunnersEndpointTest.CapacityPools.class)
@WithTestResource(GitLabWireMock.class)
class DesiredRunnersEndpointTest {

    /** A pool with a capacity configuration in GitLab's policy terms, and one without. */
    public static class CapacityPools implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Watching.projects("it/capacity", "it/pool-a")
                    .pool(
                            "capacity",
                            "projects",
                            "it/capacity",
                            "capacity-per-runner",
                            "2",
                            "max-runners",
                            "5",
                            "policies.10-always.idle-time",
                            "10m",
                            "policies.20-workday.periods",
                            "* 8-17 * * mon-fri",
                            "policies.20-workday.timezone",
                            "Europe/Berlin",
                            "policies.20-workday.idle-count",
                            "4")
                    .pool("fast", "projects", "it/pool-a", "tags", "docker,fast")
                    .config();
        }
    }

    @Inject
    QueuePoller poller;

    @Inject
    MutableClock clock;

    @InjectWireMock
    GitLabStubs stubs;

    /** The clock at {@code time}, and the pool's project polled then: 3 jobs pending, 1 running. */
    private ValidatableResponse readAt(String time) {
        clock.advance(Duration.between(clock.instant(), Instant.parse(time)));
        stubs.jobs("it/capacity", pendingJob(10), pendingJob(10), pendingJob(10), runningJob(5));
        poller.poll(ProjectRef.parse("it/capacity"));
        return given().get("/queues/pools/capacity").then().statusCode(200).body("pending", equalTo(3));
    }

    @Test
    void desiredFollowsTheSchedule() {
        // Monday 09:30 in Berlin: working hours, 4 jobs warm: ceil((3 + 1 + 4) / 2) = 4
        readAt("2026-12-14T08:30:00Z")
                .body("desired", equalTo(4))
                .body("capacity.policy", equalTo("20-workday"))
                .body("capacity.idleCapacity", equalTo(4))
                .body("capacity.capacityPerRunner", equalTo(2))
                .body("capacity.maxRunners", equalTo(5))
                .body("capacity.reason", equalTo("policy 20-workday: ceil((pending 3 + running 1 + idle 4) / 2) = 4"));
        // Monday 18:02 in Berlin: the workday is over, but the 4 runners linger for 10-always's idle-time
        readAt("2026-12-14T16:59:00Z").body("desired", equalTo(4));
        readAt("2026-12-14T17:02:00Z")
                .body("desired", equalTo(4))
                .body("capacity.policy", equalTo("10-always"))
                .body("capacity.need", equalTo(2))
                .body("capacity.reason", containsString("held at 4 until 2026-12-14T17:09:00Z (idle-time 600s)"));
        // ten minutes without need for them: down to the jobs alone, ceil((3 + 1) / 2) = 2
        readAt("2026-12-14T17:10:00Z").body("desired", equalTo(2)).body("capacity.need", equalTo(2));
        // Saturday in Berlin's working hours: not a working day
        readAt("2026-12-19T09:00:00Z").body("desired", equalTo(2)).body("capacity.policy", equalTo("10-always"));
        // Monday again
        readAt("2026-12-21T07:00:00Z").body("desired", equalTo(4)).body("capacity.policy", equalTo("20-workday"));
    }

    @Test
    void aPoolWithoutCapacityAnswersAsBefore() {
        stubs.jobs("it/pool-a", pendingJob(10));
        poller.poll(ProjectRef.parse("it/pool-a"));
        given().get("/queues/pools/fast")
                .then()
                .statusCode(200)
                .body("desired", nullValue())
                .body("capacity", nullValue())
                .body(not(containsString("desired")));
    }
}
