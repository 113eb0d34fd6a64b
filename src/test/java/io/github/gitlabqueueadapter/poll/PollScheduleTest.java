package io.github.gitlabqueueadapter.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PollScheduleTest {

    private static final long S = 1_000_000_000L;
    private static final ProjectRef FAST = ProjectRef.parse("team/fast");
    private static final ProjectRef HANGING = ProjectRef.parse("team/hanging");
    private static final ProjectRef FED = ProjectRef.parse("team/fed");
    private static final Map<ProjectRef, Duration> INTERVALS =
            Map.of(FAST, Duration.ofSeconds(15), HANGING, Duration.ofSeconds(15), FED, Duration.ofMinutes(5));

    private final PollSchedule schedule = new PollSchedule();

    private List<ProjectRef> book(long now) {
        return started(schedule.book(List.of(FAST, HANGING, FED), now, S, INTERVALS::get)).stream()
                .map(PollSchedule.Booking::project)
                .toList();
    }

    /** The bookings, each started when its time comes. */
    private List<PollSchedule.Booking> started(List<PollSchedule.Booking> bookings) {
        bookings.forEach(b -> assertTrue(schedule.start(b.project())));
        return bookings;
    }

    @Test
    void everyProjectIsDueAtOnceThenEachAnIntervalAfterItsOwnStart() {
        assertEquals(List.of(FAST, HANGING, FED), book(0));
        schedule.release(FAST, 0);
        schedule.release(HANGING, 0);
        schedule.release(FED, 0);
        assertEquals(List.of(), book(13 * S));
        List<PollSchedule.Booking> next =
                started(schedule.book(List.of(FAST, HANGING, FED), 14 * S + S / 2, S, INTERVALS::get));
        assertEquals(
                List.of(FAST, HANGING),
                next.stream().map(PollSchedule.Booking::project).toList());
        assertEquals(S / 2, next.get(0).waitNanos(), "booked to start on the dot, 15 s after the last start");
        assertEquals(15 * S, next.get(0).dueAt());
    }

    @Test
    void aHangingProjectDelaysOnlyItself() {
        book(0);
        schedule.release(FAST, 0);
        schedule.release(FED, 0); // HANGING's first poll never returns
        for (long t = 15; t <= 60; t += 15) {
            assertEquals(List.of(FAST), book(t * S), "at " + t + " s");
            schedule.release(FAST, t * S);
        }
    }

    @Test
    void aPollLongerThanItsIntervalIsFollowedAtOnceNeverByABurst() {
        book(0);
        schedule.release(FAST, 0);
        book(15 * S); // FAST again, and this poll takes 40 s
        assertFalse(book(30 * S).contains(FAST), "not booked twice while it runs");
        schedule.release(FAST, 15 * S);
        List<PollSchedule.Booking> after = started(schedule.book(List.of(FAST), 55 * S, S, INTERVALS::get));
        assertEquals(1, after.size(), "one poll, not the two it missed");
        assertEquals(0, after.get(0).waitNanos());
    }

    @Test
    void aProjectFedByEventsWaitsItsReconcileInterval() {
        book(0);
        schedule.release(FED, 0);
        assertFalse(book(60 * S).contains(FED));
        assertTrue(book(299 * S + S / 2).contains(FED));
    }

    @Test
    void aReadAskedForWhileAPollRunsFollowsItOnce() {
        assertTrue(schedule.claim(FAST));
        assertFalse(schedule.claim(FAST), "one runs already");
        assertFalse(schedule.claim(FAST), "still just one more");
        assertTrue(schedule.release(FAST, 0), "the one asked for runs now");
        assertFalse(schedule.release(FAST, S), "and nothing after it");
        assertTrue(schedule.claim(FAST));
    }

    @Test
    void aReadAskedForWhileAPollIsOnlyBookedRunsAtOnceInItsPlace() {
        book(0);
        schedule.release(FAST, 0);
        assertEquals(
                1,
                schedule.book(List.of(FAST), 14 * S + S / 2, S, INTERVALS::get).size()); // due in 0.5 s
        assertTrue(schedule.claim(FAST), "an event's read does not wait for the booked poll");
        assertFalse(schedule.start(FAST), "the booked poll gives way");
        assertFalse(schedule.release(FAST, 14 * S + S / 2));
        assertTrue(book(29 * S + S / 2).contains(FAST), "next one an interval after the read");
    }

    @Test
    void aProjectThatLeftIsForgotten() {
        book(0);
        schedule.release(FAST, 0);
        schedule.book(List.of(HANGING), 20 * S, S, INTERVALS::get);
        assertEquals(
                List.of(FAST),
                schedule.book(List.of(FAST), 20 * S, S, INTERVALS::get).stream()
                        .map(PollSchedule.Booking::project)
                        .toList(),
                "a project that comes back is polled at once");
    }
}
