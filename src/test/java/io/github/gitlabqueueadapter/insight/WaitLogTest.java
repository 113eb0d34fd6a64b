package io.github.gitlabqueueadapter.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WaitLogTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void theP95OfTwentyWaitsIsTheNineteenthAndTheP50TheTenth() {
        WaitLog log = new WaitLog(Duration.ofHours(6), 1000);
        for (int i = 1; i <= 20; i++) {
            log.record(NOW.minusSeconds(60), i * 10.0);
        }
        WaitLog.Summary summary = log.summary(NOW);
        assertEquals(20, summary.jobsLast15m());
        assertEquals(100.0, summary.p50Last15m());
        assertEquals(190.0, summary.p95Last15m());
        assertEquals(190.0, summary.p95LastHour());
    }

    @Test
    void waitsOlderThanFifteenMinutesCountOnlyForTheHour() {
        WaitLog log = new WaitLog(Duration.ofHours(6), 1000);
        log.record(NOW.minus(Duration.ofMinutes(40)), 600);
        log.record(NOW.minus(Duration.ofMinutes(5)), 20);
        WaitLog.Summary summary = log.summary(NOW);
        assertEquals(1, summary.jobsLast15m());
        assertEquals(20.0, summary.p95Last15m());
        assertEquals(2, summary.jobsLastHour());
        assertEquals(600.0, summary.p95LastHour());
    }

    @Test
    void aQueueWithNoStartHasNoPercentile() {
        WaitLog.Summary summary = new WaitLog(Duration.ofHours(6), 10).summary(NOW);
        assertEquals(0, summary.jobsLastHour());
        assertNull(summary.p50LastHour());
        assertNull(summary.p95Last15m());
    }

    @Test
    void atMostMaxWaitsAreKeptTheOldestGoingFirst() {
        WaitLog log = new WaitLog(Duration.ofHours(6), 10);
        for (int i = 0; i < 25; i++) {
            log.record(NOW.minusSeconds(100 - i), i);
        }
        WaitLog.Summary summary = log.summary(NOW);
        assertEquals(10, summary.jobsLast15m());
        assertEquals(19.0, summary.p50Last15m(), "the waits 15 to 24 are left");
    }

    @Test
    void waitsPastTheRetentionGo() {
        WaitLog log = new WaitLog(Duration.ofMinutes(30), 100);
        log.record(NOW.minus(Duration.ofMinutes(50)), 900);
        log.record(NOW.minus(Duration.ofMinutes(10)), 30);
        assertEquals(1, log.summary(NOW).jobsLastHour());
    }

    @Test
    void waitsKeptElsewhereBeforeTheFirstOneHereAreAddedAndNoneTwice() {
        WaitLog log = new WaitLog(Duration.ofHours(6), 100);
        log.record(NOW.minusSeconds(60), 50);
        log.restore(
                java.util.List.of(NOW.minusSeconds(300), NOW.minusSeconds(200), NOW.minusSeconds(60)),
                java.util.List.of(10.0, 20.0, 50.0),
                null);
        WaitLog.Summary summary = log.summary(NOW);
        assertEquals(3, summary.jobsLast15m(), "the one at -60 s is the one recorded here");
        assertEquals(20.0, summary.p50Last15m());
    }
}
