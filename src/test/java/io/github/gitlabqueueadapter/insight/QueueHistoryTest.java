package io.github.gitlabqueueadapter.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueHistoryTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void keepsSamplesOldestFirstAndDropsThosePastTheRetention() {
        QueueHistory history = new QueueHistory(Duration.ofMinutes(10), 60); // one bucket per 10 s
        for (int minute = 0; minute <= 15; minute++) {
            history.record(sample(T0.plusSeconds(minute * 60L), minute));
        }
        List<Sample> kept = history.since(T0);
        assertEquals(11, kept.size(), "minutes 5 to 15");
        assertEquals(5, kept.get(0).pending());
        assertEquals(15, kept.get(kept.size() - 1).pending());
        assertEquals(3, history.since(T0.plusSeconds(13 * 60)).size());
    }

    @Test
    void neverHoldsMoreThanMaxSamples() {
        QueueHistory history = new QueueHistory(Duration.ofHours(6), 100);
        for (int i = 0; i < 10_000; i++) {
            history.record(sample(T0.plusSeconds(i * 300L), i)); // 5 min apart
        }
        assertEquals(73, history.size(), "the last 6 h, both ends included");
        QueueHistory tight = new QueueHistory(Duration.ofHours(6), 20); // 18 min buckets
        for (int i = 0; i < 1_000; i++) {
            tight.record(sample(T0.plusSeconds(i * 18 * 60L), i)); // 21 would fit in 6 h, both ends included
        }
        assertEquals(20, tight.size());
        assertEquals(999, tight.since(T0).get(19).pending(), "the newest are kept");
    }

    @Test
    void aBurstWithinOneBucketLeavesItsLastState() {
        QueueHistory history = new QueueHistory(Duration.ofHours(6), 2160); // 10 s buckets
        history.record(sample(T0, 1));
        for (int i = 1; i <= 50; i++) {
            history.record(sample(T0.plusMillis(10_000 + i * 100L), 100 + i)); // 50 job events within 5 s
        }
        List<Sample> kept = history.since(T0);
        assertEquals(2, kept.size());
        assertEquals(150, kept.get(1).pending());
        history.record(sample(T0.plusSeconds(21), 7));
        assertEquals(3, history.size(), "the next bucket starts a new sample");
    }

    @Test
    void ignoresASampleOlderThanTheNewest() {
        QueueHistory history = new QueueHistory(Duration.ofHours(1), 360);
        history.record(sample(T0.plusSeconds(60), 5));
        history.record(sample(T0, 9));
        assertEquals(List.of(5), history.since(T0).stream().map(Sample::pending).toList());
    }

    @Test
    void samplesKeptFromBeforeTheStartJoinThoseTakenSinceInTimeOrderWithinTheBounds() {
        QueueHistory history = new QueueHistory(Duration.ofMinutes(10), 60); // 10 s buckets, 10 minutes
        history.record(sample(T0.plusSeconds(600), 7)); // taken here, just after the start

        history.restore(List.of(
                sample(T0.minusSeconds(60), 1), // past the retention by the newest sample
                sample(T0.plusSeconds(500), 2),
                sample(T0.plusSeconds(503), 3), // the same bucket: the newer one wins
                sample(T0.plusSeconds(590), 4)));

        assertEquals(
                List.of(3, 4, 7),
                history.since(Instant.EPOCH).stream().map(Sample::pending).toList());
    }

    private static Sample sample(Instant at, int pending) {
        return new Sample(at, pending, 1, 2.5, pending);
    }
}
