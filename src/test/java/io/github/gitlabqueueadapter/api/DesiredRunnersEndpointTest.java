package io.github.gitlabqueueadapter.api;

import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.github.gitlabqueueadapter.support.GitLabStubs.runningJob;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * A pool with warm-up raises {@code desired} ahead of the hour of the week its profile knows as busy: pool {@code warm}
 * reads the hours in Berlin and looks 2 minutes ahead; pool {@code measured} looks ahead by its measured time to
 * capacity; pool {@code plain} has a capacity plan and no warm-up. The warm-up tests set the clock years ahead
 * (2041-12-02 is a Monday), so that the samples taken before a test moves the clock are older than the test's.
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
                    .pool(
                            "warm",
                            "projects",
                            "it/warm",
                            "warm-up.enabled",
                            "true",
                            "warm-up.lead",
                            "2m",
                            "warm-up.timezone",
                            "Europe/Berlin")
                    .pool("measured", "projects", "it/measured", "warm-up.enabled", "true")
                    .pool("plain", "projects", "it/plain", "capacity-per-runner", "2")
                    .config();
        }
    }

    @Inject
    QueuePoller poller;

    @Inject
    MutableClock clock;

    @InjectWireMock
    GitLabStubs stubs;

    /** The clock at {@code time}, the pool's project ({@code it/<pool>}) polled then with these jobs, the pool read. */
    private ValidatableResponse readAt(String time, String pool, String... jobs) {
        clock.advance(Duration.between(clock.instant(), Instant.parse(time)));
        stubs.jobs("it/" + pool, jobs);
        poller.poll(ProjectRef.parse("it/" + pool));
        return given().get("/queues/pools/" + pool).then().statusCode(200);
    }

    /** The clock at {@code time}, and pool capacity's project polled then: 3 jobs pending, 1 running. */
    private ValidatableResponse readAt(String time) {
        return readAt(time, "capacity", pendingJob(10), pendingJob(10), pendingJob(10), runningJob(5))
                .body("pending", equalTo(3));
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

    @Test
    void aMondayRushSeenOneWeekWarmsThePoolTwoMinutesAheadTheNext() {
        // Monday 09:00 in Berlin: 5 jobs pending and 3 running, the profile knows nothing yet
        readAt("2041-12-02T08:00:00Z", "warm", pendingJob(1), pendingJob(1), pendingJob(1), pendingJob(1))
                .body("desired", equalTo(4))
                .body("capacity.warmUp.expectedJobs", nullValue())
                .body("capacity.warmUp.leadSeconds", equalTo(120))
                .body("capacity.warmUp.lead", equalTo("warm-up.lead"))
                .body("profile.zone", equalTo("Europe/Berlin"))
                .body("profile.next", hasSize(24))
                .body("profile.next[0].hour", equalTo("Mon 09:00"))
                .body("profile.next[0].startsAt", equalTo("2041-12-02T08:00:00Z"))
                .body("profile.next[0].expectedJobs", nullValue());
        readAt(
                "2041-12-02T08:30:00Z",
                "warm",
                pendingJob(1),
                pendingJob(1),
                pendingJob(1),
                pendingJob(1),
                pendingJob(1),
                runningJob(5),
                runningJob(5),
                runningJob(5));
        // 10:00: the hour is over, its peak of 8 counted for Mondays 09:00
        readAt("2041-12-02T09:00:00Z", "warm").body("desired", equalTo(0)).body("profile.weeksSeen", equalTo(1));

        // the next Monday, 08:57 in Berlin, the queue empty: 09:00 is beyond the lead of 2 minutes
        readAt("2041-12-09T07:57:00Z", "warm")
                .body("pending", equalTo(0))
                .body("desired", equalTo(0))
                .body("profile.next[1].hour", equalTo("Mon 09:00"))
                .body("profile.next[1].expectedJobs", equalTo(8));
        // 08:58: the lead reaches 09:00, and desired rises to what Mondays 09:00 usually need, the queue still empty
        readAt("2041-12-09T07:58:00Z", "warm")
                .body("pending", equalTo(0))
                .body("running", equalTo(0))
                .body("desired", equalTo(8))
                .body("capacity.need", equalTo(8))
                .body("capacity.warmUp.expectedJobs", equalTo(8))
                .body("capacity.warmUp.hour", equalTo("Mon 09:00"))
                .body("capacity.warmUp.zone", equalTo("Europe/Berlin"))
                .body("capacity.warmUp.weeks", equalTo(1))
                .body(
                        "capacity.reason",
                        equalTo("no policy in force: ceil((pending 0 + running 0 + idle 0) / 1) = 0; weekly profile:"
                                + " Mon 09:00 Europe/Berlin usually needs 8 jobs, looking 120 s ahead (warm-up.lead):"
                                + " ceil(8 / 1) = 8"));
        String card = statusCard("warm");
        assertTrue(card.contains("data-profile=\"warm\""), card);
        assertTrue(card.contains("Mon 09:00 Europe/Berlin: usually 8 jobs (1 week)"), "a bar's tooltip: " + card);
        assertTrue(card.contains("Mon 08:00 – · 09:00 8"), "the hours coming: " + card);
    }

    /** The pool's card on the status page. */
    private static String statusCard(String pool) {
        String page =
                given().get("/status/queues").then().statusCode(200).extract().asString();
        String card = page.substring(page.indexOf("data-kind=\"pool\" data-name=\"" + pool + "\""));
        return card.substring(0, card.indexOf("</section>"));
    }

    @Test
    void withoutALeadWarmUpLooksAheadByTheMeasuredTimeToCapacity() {
        readAt("2041-12-02T10:00:00Z", "measured")
                .body("capacity.warmUp.leadSeconds", equalTo(120))
                .body("capacity.warmUp.lead", equalTo("time to capacity not measured yet"))
                .body("profile.zone", equalTo("UTC"));
        // the queue rises from empty and is empty again 90 seconds later: capacity caught up in 90 s
        readAt("2041-12-02T10:00:10Z", "measured", pendingJob(1), pendingJob(1));
        readAt("2041-12-02T10:01:40Z", "measured")
                .body("capacity.warmUp.leadSeconds", equalTo(90))
                .body("capacity.warmUp.lead", equalTo("measured time to capacity"));
    }

    @Test
    void aPoolWithoutWarmUpAnswersAsBefore() {
        readAt("2041-12-02T10:00:00Z", "plain", pendingJob(1), pendingJob(1), pendingJob(1))
                .body("desired", equalTo(2))
                .body("capacity.reason", equalTo("no policy in force: ceil((pending 3 + running 0 + idle 0) / 2) = 2"))
                .body("capacity.warmUp", nullValue())
                .body("profile", nullValue())
                .body(not(containsString("warmUp")))
                .body(not(containsString("profile")));
        assertFalse(statusCard("plain").contains("data-profile"), "no weekly profile on its card");
    }
}
