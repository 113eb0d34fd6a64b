package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code desired = min(max-runners, ceil((pending + running + idle) / capacity-per-runner))}, idle =
 * {@code max(idle-count, min(ceil(scale-factor × running), scale-factor-limit))}, as a table.
 */
class DesiredRunnersTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void theReasonWritesTheFormulaWithItsNumbers() {
        CapacityPolicy workday = new CapacityPolicy(
                "workday", List.of(CronPeriod.parse("* 8-18 * * mon-fri")), ZoneOffset.UTC, 8, Duration.ZERO, 0, 0);
        DesiredRunners runners = DesiredRunners.need(new CapacityPlan(4, 20, List.of(workday)), NOW, 3, 4);
        assertEquals("policy workday: ceil((pending 3 + running 4 + idle 8) / 4) = 4", runners.reason());
        runners = DesiredRunners.need(new CapacityPlan(4, 20, List.of(workday)), NOW.plusSeconds(9 * 3600), 3, 4);
        assertEquals("no policy in force: ceil((pending 3 + running 4 + idle 0) / 4) = 2", runners.reason());
    }

    @ParameterizedTest(name = "pending {0} running {1} per-runner {2} max {3} idle {4} factor {5} limit {6}: {7}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            0  | 0  | 1 | -  | -  | 0   | 0 | 0  | 0  | = 0
            3  | 4  | 1 | -  | -  | 0   | 0 | 0  | 7  | = 7
            3  | 4  | 4 | 20 | 8  | 0   | 0 | 8  | 4  | = 4
            0  | 0  | 4 | 20 | 8  | 0   | 0 | 8  | 2  | = 2
            1  | 0  | 4 | -  | 0  | 0   | 0 | 0  | 1  | = 1
            90 | 10 | 4 | 20 | 0  | 0   | 0 | 0  | 20 | = 25, capped by max-runners 20
            0  | 10 | 1 | -  | 2  | 0.5 | 0 | 5  | 15 | = 15
            0  | 10 | 1 | -  | 2  | 0.5 | 3 | 3  | 13 | = 13
            0  | 10 | 1 | -  | 4  | 0.5 | 3 | 4  | 14 | = 14
            0  | 3  | 2 | -  | 0  | 0.1 | 0 | 1  | 2  | = 2
            """)
    void followsTheFormula(
            int pending,
            int running,
            int perRunner,
            Integer maxRunners,
            Integer idleCount,
            double factor,
            int limit,
            int idle,
            int desired,
            String reason) {
        List<CapacityPolicy> policies = idleCount == null
                ? List.of()
                : List.of(new CapacityPolicy(
                        "p",
                        List.of(CronPeriod.parse("* * * * *")),
                        ZoneOffset.UTC,
                        idleCount,
                        Duration.ZERO,
                        factor,
                        limit));
        DesiredRunners runners =
                DesiredRunners.need(new CapacityPlan(perRunner, maxRunners, policies), NOW, pending, running);
        assertEquals(idle, runners.idleCapacity());
        assertEquals(desired, runners.desired());
        assertEquals(desired, runners.need());
        assertTrue(runners.reason().endsWith(reason), runners.reason());
        assertEquals(idleCount == null ? null : "p", runners.policy());
    }

    @Test
    void theReasonSaysWhatTheWeeklyProfileExpects() {
        CapacityPlan plan = new CapacityPlan(2, null, List.of());
        Instant now = Instant.parse("2026-12-14T07:58:30Z");
        WeeklyProfile profile = WeeklyProfile.of(ZoneId.of("Europe/Berlin"), Map.of(9, new WeeklyProfile.Hour(7.5, 2)));
        WarmUp warmUp = WarmUp.of(profile, now, WarmUpLead.of(java.util.Optional.empty(), 90.0));
        assertEquals(
                "no policy in force: ceil((pending 1 + running 0 + idle 0) / 2) = 1; weekly profile: Mon 09:00"
                        + " Europe/Berlin usually needs 8 jobs, looking 90 s ahead (measured time to capacity):"
                        + " ceil(8 / 2) = 4",
                DesiredRunners.need(plan, now, 1, 0).warmedUp(plan, warmUp).reason());
    }

    /**
     * The weekly profile raises the need to {@code ceil(expected jobs / capacity-per-runner)} within max-runners, and
     * only when that is more: Monday 09:00 usually sees {@code jobs}, looking 2 minutes ahead at 08:58.
     */
    @ParameterizedTest(name = "pending {0}, per-runner {1}, max {2}, expected {3}: {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            0 | 1 | -  | 8  | 8 | usually needs 8 jobs, looking 120 s ahead (x): ceil(8 / 1) = 8
            0 | 4 | -  | 9  | 3 | Mon 09:00 UTC usually needs 9 jobs, looking 120 s ahead (x): ceil(9 / 4) = 3
            0 | 1 | 5  | 8  | 5 | ceil(8 / 1) = 8, capped by max-runners 5
            9 | 1 | -  | 8  | 9 | ceil((pending 9 + running 0 + idle 0) / 1) = 9
            8 | 1 | -  | 8  | 8 | ceil((pending 8 + running 0 + idle 0) / 1) = 8
            1 | 1 | -  | 0  | 1 | ceil((pending 1 + running 0 + idle 0) / 1) = 1
            0 | 1 | -  | -  | 0 | ceil((pending 0 + running 0 + idle 0) / 1) = 0
            5 | 1 | 5  | 8  | 5 | ceil((pending 5 + running 0 + idle 0) / 1) = 5
            """)
    void theWeeklyProfileRaisesTheNeed(int pending, int perRunner, Integer max, Integer jobs, int need, String reason) {
        CapacityPlan plan = new CapacityPlan(perRunner, max, List.of());
        Instant now = Instant.parse("2026-12-14T08:58:00Z");
        WeeklyProfile profile = jobs == null
                ? WeeklyProfile.empty(ZoneId.of("UTC"))
                : WeeklyProfile.of(ZoneId.of("UTC"), Map.of(9, new WeeklyProfile.Hour(jobs, 1)));
        WarmUp warmUp = WarmUp.of(profile, now, new WarmUpLead(java.time.Duration.ofMinutes(2), "x"));
        DesiredRunners runners = DesiredRunners.need(plan, now, pending, 0).warmedUp(plan, warmUp);
        assertEquals(need, runners.need());
        assertEquals(need, runners.desired());
        assertTrue(runners.reason().endsWith(reason), runners.reason());
    }
}
