package io.github.gitlabqueueadapter.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.announcements.ScalersObserved;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScalingTimelineTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private static ScalingTimeline timeline() {
        return new ScalingTimeline(new ScalingTimeline.Limits(
                Duration.ofHours(6),
                1000,
                10,
                Duration.ofMinutes(10),
                Duration.ofMinutes(2),
                Duration.ofSeconds(60),
                50,
                8));
    }

    private static Instant at(int minutes, int seconds) {
        return T0.plus(Duration.ofMinutes(minutes)).plusSeconds(seconds);
    }

    private static List<String> types(ScalingTimeline timeline, Instant now) {
        return timeline.events(T0, now).stream().map(e -> e.type().label()).toList();
    }

    @Test
    void riseRunnerAndEmptyQueueReadInOrderWithTheTimeToCapacity() {
        ScalingTimeline timeline = timeline();
        timeline.sampled(at(0, 0), 0, 0);
        timeline.runners(at(0, 0), Map.of());
        timeline.sampled(at(2, 0), 4, 0);
        timeline.sampled(at(3, 0), 4, 60);
        timeline.runners(at(4, 0), Map.of(17L, "docker-17"));
        timeline.sampled(at(4, 0), 3, 120);
        timeline.sampled(at(9, 0), 0, 0);

        List<TimelineEvent> events = timeline.events(T0, at(9, 0));
        assertEquals(List.of("demand", "runner-joined", "emptied", "capacity"), types(timeline, at(9, 0)));
        assertEquals(at(2, 0), events.get(0).at());
        assertEquals(4, ((TimelineEvent.DemandRose) events.get(0)).jobs());
        assertEquals(17L, ((TimelineEvent.RunnerJoined) events.get(1)).runnerId());
        assertEquals(at(4, 0), events.get(1).at());
        assertEquals(420.0, ((TimelineEvent.CapacityCaughtUp) events.get(3)).seconds(), "10:02 to 10:09");
        ScalingTimeline.Capacity capacity = timeline.capacity(at(9, 0));
        assertEquals(420.0, capacity.medianSeconds());
        assertEquals("emptied", capacity.last().get(0).how());
        assertNull(capacity.open());
    }

    @Test
    void aRiseEndsWhenTheJobsWaitingAtItHaveRunnersAndNewOnesWaitUnderTheThreshold() {
        ScalingTimeline timeline = timeline();
        timeline.sampled(at(0, 0), 0, 0);
        timeline.sampled(at(1, 0), 5, 0);
        timeline.sampled(at(1, 30), 5, 30); // the first jobs still wait: 30 s is the whole rise
        timeline.sampled(at(3, 0), 6, 150);
        timeline.sampled(at(3, 40), 2, 20); // every job of the rise runs; what waits came since
        assertEquals(160.0, timeline.capacity(at(4, 0)).last().get(0).seconds());
        assertEquals(
                "waits-under-threshold",
                timeline.capacity(at(4, 0)).last().get(0).how());
    }

    @Test
    void anOpenRiseShowsHowLongItHasLasted() {
        ScalingTimeline timeline = timeline();
        timeline.sampled(at(0, 0), 0, 0);
        timeline.sampled(at(1, 0), 3, 0);
        ScalingTimeline.Capacity capacity = timeline.capacity(at(6, 0));
        assertEquals(300.0, capacity.open().seconds());
        assertNull(capacity.medianSeconds());
    }

    @Test
    void theMedianIsOfTheLastTenRises() {
        ScalingTimeline timeline = timeline();
        timeline.sampled(at(0, 0), 0, 0);
        for (int i = 1; i <= 12; i++) {
            timeline.sampled(at(i * 10, 0), 1, 0);
            timeline.sampled(at(i * 10, i * 10), 0, 0); // rise i lasts 10 i seconds
        }
        ScalingTimeline.Capacity capacity = timeline.capacity(at(200, 0));
        assertEquals(10, capacity.last().size());
        assertEquals(120.0, capacity.last().get(0).seconds(), "newest first");
        assertEquals(75.0, capacity.medianSeconds(), "rises 3 to 12: 30 s to 120 s");
    }

    @Test
    void aQueueAlreadyWaitingAtTheFirstSampleDidNotRise() {
        ScalingTimeline timeline = timeline();
        timeline.sampled(at(0, 0), 7, 300);
        timeline.runners(at(0, 0), Map.of(1L, "a"));
        assertEquals(List.of(), types(timeline, at(0, 1)));
    }

    @Test
    void tenJobsWithinAMinuteAreOneBurst() {
        ScalingTimeline timeline = timeline();
        for (int i = 0; i < 6; i++) {
            timeline.arrived(at(0, i * 8), 2);
        }
        List<TimelineEvent> events = timeline.events(T0, at(1, 0));
        assertEquals(List.of("burst"), types(timeline, at(1, 0)));
        assertEquals(10, ((TimelineEvent.Burst) events.get(0)).jobs());
        assertEquals(at(0, 32), events.get(0).at());
    }

    @Test
    void jobsSpreadOverMinutesAreNoBurst() {
        ScalingTimeline timeline = timeline();
        for (int i = 0; i < 20; i++) {
            timeline.arrived(at(i, 0), 1);
        }
        assertEquals(List.of(), types(timeline, at(20, 0)));
    }

    @Test
    void aRunnerUnseenForTenMinutesLeftAtTheMomentItCrossed() {
        ScalingTimeline timeline = timeline();
        timeline.runners(at(0, 0), Map.of());
        timeline.runners(at(1, 0), Map.of(3L, "r3"));
        timeline.runners(at(2, 0), Map.of());
        List<TimelineEvent> events = timeline.events(T0, at(15, 0));
        assertEquals(List.of("runner-joined", "runner-left"), types(timeline, at(15, 0)));
        assertEquals(at(11, 0), events.get(1).at());
        assertEquals(1, timeline.count(TimelineEvent.Type.RUNNER_LEFT), "counted once");
    }

    @Test
    void aReaderThatPausesStopsAndItsNextReadIsAnEvent() {
        ScalingTimeline timeline = timeline();
        timeline.read(at(0, 0), "Go-http-client/1.1");
        timeline.read(at(0, 30), "Go-http-client/1.1");
        timeline.read(at(1, 0), "Go-http-client/1.1");
        timeline.read(at(10, 0), "Go-http-client/1.1");
        List<TimelineEvent> events = timeline.events(T0, at(10, 0));
        assertEquals(List.of("reader-started", "reader-stopped", "reader-started"), types(timeline, at(10, 0)));
        assertEquals(at(3, 0), events.get(1).at());
        assertEquals("Go-http-client/1.1", ((TimelineEvent.ReaderStarted) events.get(2)).reader());
    }

    @Test
    void aScaledObjectIsAnEventWhenItsReplicasChangeAndWhenItGoes() {
        ScalingTimeline timeline = timeline();
        QueueKey pool = QueueKey.pool("docker");
        ScalersObserved.Scaler three = new ScalersObserved.Scaler(pool, "ScaledObject", "ci", "runners", 3, 3, null);
        ScalersObserved.Scaler five = new ScalersObserved.Scaler(pool, "ScaledObject", "ci", "runners", 5, 3, null);
        timeline.scalers(at(0, 0), List.of(three));
        timeline.scalers(at(0, 30), List.of(three));
        timeline.scalers(at(1, 0), List.of(five));
        assertEquals(5, timeline.scalers().get(0).desiredReplicas());
        timeline.scalers(at(2, 0), List.of());
        List<TimelineEvent> events = timeline.events(T0, at(3, 0));
        assertEquals(3, events.size());
        assertEquals(
                "ScaledObject ci/runners: desired 5, current 3", events.get(1).text());
        assertTrue(events.get(2).text().endsWith("no longer reads this queue"));
        assertEquals(List.of(), timeline.scalers());
    }

    @Test
    void atMostMaxEventsAreKept() {
        ScalingTimeline timeline = new ScalingTimeline(new ScalingTimeline.Limits(
                Duration.ofHours(6),
                10,
                10,
                Duration.ofMinutes(10),
                Duration.ofMinutes(2),
                Duration.ofMinutes(1),
                50,
                8));
        timeline.sampled(at(0, 0), 0, 0);
        for (int i = 1; i <= 30; i++) {
            timeline.sampled(at(i, 0), i % 2, 0);
        }
        assertEquals(10, timeline.events(T0, at(31, 0)).size());
        assertEquals(15, timeline.count(TimelineEvent.Type.DEMAND), "counts outlive the events trimmed");
    }

    @Test
    void anotherReplicasTimelineReadBackFillsWhatCameBeforeThisOneWithItsTimesToCapacity() {
        ScalingTimeline a = timeline();
        a.sampled(at(0, 0), 0, 0);
        a.sampled(at(1, 0), 3, 0);
        a.sampled(at(4, 0), 0, 0); // a rise of 3 minutes
        a.runners(at(4, 0), Map.of());
        a.runners(at(5, 0), Map.of(8L, "r8"));
        TimelineSharing sharing = new TimelineSharing(
                io.github.gitlabqueueadapter.store.HistoryArchive.ALONE,
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .findAndRegisterModules()
                        .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
        List<String> lines =
                a.drain().stream().map(e -> sharing.encode(e).orElseThrow()).toList();
        assertEquals(List.of(), a.drain(), "drained once");

        ScalingTimeline b = timeline();
        b.sampled(at(5, 30), 0, 0); // b starts after a's events
        b.sampled(at(6, 0), 2, 0); // and sees its own demand
        b.restore(sharing.decode(lines));
        b.restore(sharing.decode(lines)); // read back twice: nothing twice
        assertEquals(
                List.of("demand", "emptied", "capacity", "runner-joined", "demand"),
                b.events(T0, at(6, 0)).stream().map(e -> e.type().label()).toList());
        assertEquals(8L, ((TimelineEvent.RunnerJoined) b.events(T0, at(6, 0)).get(3)).runnerId());
        assertEquals(180.0, b.capacity(at(6, 0)).medianSeconds());
        assertEquals("emptied", b.capacity(at(6, 0)).last().get(0).how());
        assertEquals(1, b.count(TimelineEvent.Type.DEMAND), "what was read back is not counted here");
    }

    @Test
    void aSampleOlderThanTheLastIsIgnoredRatherThanUndoingARise() {
        ScalingTimeline timeline = timeline();
        timeline.sampled(at(0, 0), 0, 0);
        timeline.sampled(at(1, 2), 3, 0);
        timeline.sampled(at(1, 1), 0, 0); // taken before the rise, on another thread, arriving after it
        assertEquals(List.of("demand"), types(timeline, at(2, 0)));
        assertEquals(at(1, 2), timeline.capacity(at(2, 0)).open().risenAt());
    }
}
