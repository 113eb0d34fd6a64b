package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cadence the request budget allows and whether adapter.max-staleness holds at it, as a table. */
class PollBudgetTest {

    private static final Duration ATTEMPTS = Duration.ofMillis(19_700);
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    /**
     * Each row: the budget, poll interval and max-staleness (seconds), the pages of busy, quiet and events-first
     * projects, other reads a minute; then requests a minute needed, the busy and the quiet projects' intervals, and
     * whether max-staleness holds. The reconcile interval is 5 minutes, one poll's attempts 19.7 s.
     */
    @ParameterizedTest(name = "{0}/min, {4} busy + {5} quiet + {6} events-first pages: every {9} s, holds {10}")
    @CsvSource(delimiter = '|', textBlock = """
            # fits: 100 one-page projects at the defaults
            500 | 15 | 120 |   0 |  100 |    0 |  0 |  400.0 | 15.0 |   15.0 | true
            # the issue's run: 2,000 projects polled at 600 a minute, each read every 204 s (busy ones: 15 s)
            600 | 15 | 120 |   0 | 2000 |    0 |  0 | 8000.0 | 15.0 |  204.1 | false
            # the same with events first: reconciles every 5 min fit
            500 | 15 | 120 |   0 |    0 | 2000 |  0 |  400.0 | 15.0 |   15.0 | true
            # 300 projects stretch to about 37 s, within 2 min
            500 | 15 | 120 |   0 |  300 |    0 |  0 | 1200.0 | 15.0 |   36.7 | true
            # busy projects first: 100 busy keep 15 s, 1,900 quiet share the 90 requests left
            500 | 15 | 120 | 100 | 1900 |    0 |  0 | 8000.0 | 15.0 | 1266.7 | false
            # not even the busy ones fit: every interval stretches alike
            60  | 15 | 120 | 200 |    0 |    0 |  0 |  800.0 | 204.1 | 204.1 | false
            # reads for tags and group listings come out of the same budget
            500 | 15 | 120 |   0 |  100 | 1000 | 50 |  650.0 | 15.0 |   25.0 | true
            # a longer max-staleness holds the issue's run polled alone
            600 | 15 | 240 |   0 | 2000 |    0 |  0 | 8000.0 | 15.0 |  204.1 | true
            """)
    void allowsACadence(
            int perMinute,
            int pollSeconds,
            int maxStalenessSeconds,
            double busy,
            double quiet,
            double eventsFirst,
            double other,
            double needed,
            String busyInterval,
            String interval,
            boolean meets) {
        PollCadence cadence = new PollCadence(
                Duration.ofSeconds(pollSeconds),
                Duration.ofMinutes(5),
                ATTEMPTS,
                Duration.ofSeconds(maxStalenessSeconds));
        int projects = (int) (busy + quiet + eventsFirst);
        PollBudget.Allowance allowance = new PollBudget(perMinute, cadence)
                .allow(new PollBudget.Demand(projects, busy, quiet, eventsFirst, other));
        assertEquals(needed, allowance.neededPerMinute(), 0.05);
        assertEquals(perMinute * 0.98, allowance.usablePerMinute(), 0.001);
        assertEquals(busyInterval, seconds(allowance.busyInterval()));
        assertEquals(interval, seconds(allowance.interval()));
        assertEquals(meets, allowance.meets());
        assertEquals(!interval.equals(pollSeconds + ".0"), allowance.projectsWait());
    }

    @Test
    void aProjectWaitingItsTurnMayGrowAsOldAsItsStretchedIntervalAndAQuarterPlusItsAttempts() {
        PollCadence cadence =
                new PollCadence(Duration.ofSeconds(15), Duration.ofMinutes(5), ATTEMPTS, Duration.ofMinutes(2));
        PollBudget.Allowance allowance = new PollBudget(600, cadence).allow(new PollBudget.Demand(2000, 0, 2000, 0, 0));
        assertEquals("274.8", seconds(allowance.waitingTurn(Duration.ofSeconds(15))));
        assertEquals("223.8", seconds(allowance.maxStalenessNeeded()));
        assertEquals(
                Duration.ofMillis(38_450),
                PollBudget.Allowance.unlimited(cadence).waitingTurn(Duration.ofSeconds(15)));
    }

    @Test
    void aProjectIsBusyUntilReadWhileJobsWaitOrRunAndForTenMinutesAfterAJobEvent() {
        ProjectRef project = ProjectRef.parse("platform/api");
        ProjectSnapshot empty = new ProjectSnapshot(project, List.of(), NOW.minusSeconds(5), false, 1);
        ProjectState read = ProjectState.unpolled(project).withSuccess(empty);
        assertTrue(PollBudget.busy(ProjectState.unpolled(project), NOW), "never read");
        assertFalse(PollBudget.busy(read, NOW), "read, no job, no event");
        EventMemory recent = new EventMemory(NOW.minusSeconds(599), List.of(), List.of(), false, null, 0);
        EventMemory old = new EventMemory(NOW.minusSeconds(601), List.of(), List.of(), false, null, 0);
        assertTrue(PollBudget.busy(withEvents(read, recent), NOW), "an event 599 s ago");
        assertFalse(PollBudget.busy(withEvents(read, old), NOW), "an event 601 s ago");
    }

    private static ProjectState withEvents(ProjectState state, EventMemory events) {
        return new ProjectState(state.project(), state.lastGood(), state.lastAttemptAt(), null, events);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}
