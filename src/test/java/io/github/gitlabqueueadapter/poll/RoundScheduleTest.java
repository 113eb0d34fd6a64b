package io.github.gitlabqueueadapter.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RoundScheduleTest {

    private static final long S = 1_000_000_000L;

    @Test
    void roundsStartEveryIntervalOnTheDotWhileTheyFitInIt() {
        RoundSchedule schedule = new RoundSchedule(Duration.ofSeconds(15), 0);
        assertEquals(0, schedule.book(0, S), "the first round starts at once");
        assertFalse(schedule.finished(0, 3 * S));
        assertEquals(-1, schedule.book(10 * S, S), "not due before the next tick");
        assertEquals(S / 2, schedule.book(14 * S + S / 2, S), "due before the next tick: wait half a second for it");
        assertEquals(-1, schedule.book(15 * S + S / 10, S), "and only one starts");
        // asked a little late (a busy scheduler), the cadence stays on 15 s multiples: the next is due at 30 s, not
        // 31.2
        assertEquals(0, schedule.book(30 * S + S / 5, S));
        assertEquals(S - S / 5, schedule.book(44 * S + S / 5, S));
        assertEquals(Duration.ofSeconds(15), schedule.effectiveInterval());
    }

    @Test
    void aLongRoundStretchesTheIntervalInsteadOfSkippingOrBursting() {
        RoundSchedule schedule = new RoundSchedule(Duration.ofSeconds(15), 0);
        schedule.book(0, S);
        assertTrue(schedule.finished(0, 40 * S), "a round paced by the budget took 40 s");
        assertEquals(0, schedule.book(40 * S, S), "the next one starts right after it, not at 45 s");
        assertEquals(Duration.ofSeconds(40), schedule.effectiveInterval());
        assertEquals(-1, schedule.book(41 * S, S), "and only one starts");
        assertEquals(-1, schedule.book(54 * S - 1, 0), "the one after is an interval after the late start");
        assertEquals(0, schedule.book(55 * S, S));

        assertFalse(schedule.finished(40 * S, 45 * S));
        assertEquals(Duration.ofSeconds(15), schedule.effectiveInterval(), "back to the interval once rounds fit");
    }
}
