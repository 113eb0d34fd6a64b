package io.github.gitlabqueueadapter.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RoundScheduleTest {

    private static final long S = 1_000_000_000L;

    @Test
    void roundsStartEveryIntervalWhileTheyFitInIt() {
        RoundSchedule schedule = new RoundSchedule(Duration.ofSeconds(15), 0);
        assertTrue(schedule.startIfDue(0), "the first round starts at once");
        assertFalse(schedule.finished(0, 3 * S));
        assertFalse(schedule.startIfDue(10 * S));
        assertTrue(schedule.startIfDue(15 * S));
        assertEquals(Duration.ofSeconds(15), schedule.effectiveInterval());
    }

    @Test
    void aLongRoundStretchesTheIntervalInsteadOfSkippingOrBursting() {
        RoundSchedule schedule = new RoundSchedule(Duration.ofSeconds(15), 0);
        schedule.startIfDue(0);
        assertTrue(schedule.finished(0, 40 * S), "a round paced by the budget took 40 s");
        assertTrue(schedule.startIfDue(40 * S), "the next one starts right after it, not at 45 s");
        assertEquals(Duration.ofSeconds(40), schedule.effectiveInterval());
        assertFalse(schedule.startIfDue(41 * S), "and only one starts");

        assertFalse(schedule.finished(40 * S, 45 * S));
        assertEquals(Duration.ofSeconds(15), schedule.effectiveInterval(), "back to the interval once rounds fit");
    }
}
