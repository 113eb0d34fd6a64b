package io.github.gitlabqueueadapter.insight;

import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.github.gitlabqueueadapter.support.GitLabStubs.runningJob;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
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
import io.github.gitlabqueueadapter.support.JobHooks;
import io.github.gitlabqueueadapter.support.MutableClock;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.Test;

/**
 * A synthetic load, end to end: a burst of twelve jobs for the {@code scaling} pool, one runner taking six of them
 * after two minutes, a second runner the other six after four; the queue's JSON, its events endpoint, the histogram
 * and the status page tell the same story.
 */
@QuarkusTest
@TestProfile(WatchProfiles.Events.class)
@WithTestResource(GitLabWireMock.class)
class ScalingSeenEndToEndTest {

    private static final ProjectRef PROJECT = ProjectRef.parse("it/scaling");

    @InjectWireMock
    GitLabStubs stubs;

    @Inject
    QueuePoller poller;

    @Inject
    MutableClock clock;

    @Inject
    Event<ScalersObserved> scalers;

    private static final String BUCKET = "gitlab_queue_wait_seconds_bucket{kind=\"pool\",queue=\"scaling\",le=\"";

    /** Every sample of /q/metrics by its name and labels (the registry outlives tests: they compare differences). */
    private static Map<String, Double> scrape() {
        Map<String, Double> samples = new HashMap<>();
        for (String line : given().get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .split("\n")) {
            int space = line.lastIndexOf(' ');
            if (!line.startsWith("#") && space > 0) {
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    /** A JSON number within {@code delta} of {@code value}. */
    private static Matcher<Object> closeTo(double value, double delta) {
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof Number n && Math.abs(n.doubleValue() - value) <= delta;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a number within " + delta + " of " + value);
            }
        };
    }

    @Test
    void aBurstWaitingForLateRunnersShowsAsDemandRunnersJoiningAndTheWaitsTheRunnersTook() {
        Map<String, Double> before = scrape();
        stubs.jobs("it/scaling");
        poller.poll(PROJECT); // the baseline: an empty queue
        clock.advance(Duration.ofMinutes(1));
        List<String> burst = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            burst.add(pendingJob(1, "docker"));
        }
        stubs.jobs("it/scaling", burst.toArray(String[]::new));
        poller.poll(PROJECT);

        clock.advance(Duration.ofMinutes(2));
        List<String> half = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String status = i < 6 ? runningJob(21, 120, "docker") : pendingJob(121, "docker"); // still waiting
            half.add(GitLabStubs.sameJob(status, burst.get(i)));
        }
        stubs.jobs("it/scaling", half.toArray(String[]::new));
        poller.poll(PROJECT);

        clock.advance(Duration.ofMinutes(2));
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            all.add(i < 6 ? half.get(i) : GitLabStubs.sameJob(runningJob(22, 240, "docker"), burst.get(i)));
        }
        all.add(runningJob(99, 900, "gpu")); // another pool's job, on another runner: not this pool's wait
        stubs.jobs("it/scaling", all.toArray(String[]::new));
        poller.poll(PROJECT);

        given().get("/queues/pools/scaling")
                .then()
                .statusCode(200)
                .body("pending", equalTo(0))
                .body("waitSeconds.jobsLast15m", equalTo(12))
                .body("waitSeconds.p50Last15m", equalTo(120.0f))
                .body("waitSeconds.p95Last15m", equalTo(240.0f))
                .body("waitSeconds.p95LastHour", equalTo(240.0f));
        given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Fscaling")
                .then()
                .statusCode(200)
                .body("waitSeconds.jobsLast15m", equalTo(13))
                .body("waitSeconds.p95Last15m", equalTo(900.0f));
        given().get("/queues/pools/scaling/events?since=1h")
                .then()
                .statusCode(200)
                // demand and burst come of one poll, each stamped by its own observer of it, in either order
                .body("events.type.take(2)", containsInAnyOrder("demand", "burst"))
                .body(
                        "events.type.drop(2)",
                        equalTo(List.of("runner-joined", "runner-joined", "emptied", "capacity", "reader-started")))
                .body("events.jobs.take(2)", everyItem(equalTo(12)))
                .body("events[2].runnerId", equalTo(21))
                .body("events[3].runnerId", equalTo(22))
                .body("timeToCapacity.last", hasSize(1))
                .body("timeToCapacity.last[0].seconds", closeTo(240, 1)) // 10:01 to 10:05, and the test's own time
                .body("timeToCapacity.last[0].how", equalTo("emptied"))
                .body("timeToCapacity.medianSeconds", closeTo(240, 1))
                .body("timeToCapacity.open", nullValue());
        String page =
                given().get("/status/queues").then().statusCode(200).extract().asString();
        String card = page.substring(page.indexOf("data-kind=\"pool\" data-name=\"scaling\""));
        card = card.substring(0, card.indexOf("</section>"));
        assertTrue(card.contains("p50 2m · p95 4m (15 min, 12 jobs)"), card);
        assertTrue(card.contains("median 4m of the last 1 rise"), card);
        for (String type : List.of("demand", "burst", "runner-joined", "emptied", "capacity")) {
            assertTrue(card.contains("data-mark=\"" + type + "\""), type + " drawn on the chart");
        }
        assertTrue(card.contains("runner 22 (k8s-runner-22) took its first job"), "the event's sentence as tooltip");

        Map<String, Double> after = scrape();
        assertEquals(0, after.get(BUCKET + "60.0\"}") - before.get(BUCKET + "60.0\"}"));
        assertEquals(6, after.get(BUCKET + "120.0\"}") - before.get(BUCKET + "120.0\"}"));
        assertEquals(12, after.get(BUCKET + "300.0\"}") - before.get(BUCKET + "300.0\"}"));
        String joined = "gitlab_queue_runners_joined_total{kind=\"pool\",queue=\"scaling\"}";
        assertEquals(2, after.get(joined) - before.getOrDefault(joined, 0.0));
    }

    /** {@code job} under the id of {@code earlier}: the same job, seen again in a later status. */
    @Test
    void aJobEventStartingAJobGivesItsWaitAndOneSeenOnlyFinishedIsCounted() {
        stubs.jobs("it/scaling");
        poller.poll(PROJECT);
        JobHooks.deliver(JobHooks.event(7001, "pending", "it/scaling", null, "\"docker\"", 0));
        clock.advance(Duration.ofSeconds(45));
        JobHooks.deliver(JobHooks.event(7001, "running", "it/scaling", 31L, "\"docker\"", 45));
        JobHooks.deliver(JobHooks.event(7002, "success", "it/scaling", 31L, "\"docker\"", 30));

        given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Fscaling")
                .then()
                .statusCode(200)
                .body("waitSeconds.jobsLast15m", equalTo(2))
                .body("waitSeconds.p50Last15m", equalTo(30.0f))
                .body("waitSeconds.p95Last15m", equalTo(45.0f))
                .body("waitSeconds.jobsSeenOnlyFinished", equalTo(1));
        given().urlEncodingEnabled(false)
                .get("/queues/projects/it%2Fscaling?tags=docker")
                .then()
                .statusCode(200)
                .body("waitSeconds", nullValue());
    }

    @Test
    void aScaledObjectReadingThePoolShowsItsReplicasBesideTheTimeline() {
        stubs.jobs("it/scaling");
        poller.poll(PROJECT);
        scalers.fire(new ScalersObserved(
                clock.instant(),
                List.of(new ScalersObserved.Scaler(
                        QueueKey.pool("scaling"), "ScaledObject", "ci", "runners-docker", 4, 2, null))));
        given().get("/queues/pools/scaling/events")
                .then()
                .statusCode(200)
                .body("scalers", hasSize(1))
                .body("scalers[0].name", equalTo("runners-docker"))
                .body("scalers[0].desiredReplicas", equalTo(4))
                .body("scalers[0].currentReplicas", equalTo(2))
                .body("events.type", equalTo(List.of("scaler")))
                .body("events[0].text", equalTo("ScaledObject ci/runners-docker: desired 4, current 2"));
        String page =
                given().get("/status/queues").then().statusCode(200).extract().asString();
        String card = page.substring(page.indexOf("data-kind=\"pool\" data-name=\"scaling\""));
        card = card.substring(0, card.indexOf("</section>"));
        assertTrue(card.contains("ScaledObject ci/runners-docker: desired 4, current 2"), card);
        assertTrue(card.contains("data-mark=\"scaler\""), card);
    }
}
