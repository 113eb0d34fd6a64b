package io.github.gitlabqueueadapter.poll;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * When each project is polled next, on its own cadence: {@code interval} after its last poll started, or as soon as
 * that poll ends when it took longer. A slow or hanging project delays only itself; it never bursts to catch up. At
 * most one poll of a project runs at a time: one asked for while it runs (an event's read) runs right after it. Times
 * are monotonic nanoseconds ({@link System#nanoTime()}), passed in.
 */
final class PollSchedule {

    /**
     * A poll booked to start after {@code waitNanos}; {@code dueAt} is when it was due; {@code first} for a project
     * never polled before.
     */
    record Booking(ProjectRef project, long waitNanos, long dueAt, boolean first) {}

    private static final class Entry {
        /** When the project was first booked for: a project never polled is due since then, and ages like others. */
        final long since;

        boolean started;
        long lastStart;
        /** A poll is booked and waits for its start. */
        boolean booked;
        /** A poll runs. */
        boolean running;

        boolean again;

        Entry(long since) {
            this.since = since;
        }

        boolean busy() {
            return booked || running;
        }
    }

    private final Map<ProjectRef, Entry> entries = new HashMap<>();

    /** Books every project due within {@code lookahead} of {@code now}, however many: for the rules' own tests. */
    synchronized List<Booking> book(
            Collection<ProjectRef> projects, long now, long lookahead, Function<ProjectRef, Duration> interval) {
        return book(projects, now, lookahead, interval, Integer.MAX_VALUE, project -> false, 0);
    }

    /**
     * Books projects of {@code projects} due within {@code lookahead} of {@code now} and not polled now, at most so
     * many that {@code inFlight} polls are booked or running; a booked poll begins with {@link #start} (unless a claim
     * took its place) and ends with {@link #release}. A project never polled is due at once. When more are due than
     * there is room for (the request budget is short), the earliest due go first, a busy project as if it were due
     * {@code busyAhead} nanoseconds earlier (the scheduler gives {@code PollBudget.Allowance#busyHeadStart}): busy
     * projects are polled first, and no project waits for ever, since a quiet one overdue by more than that goes
     * before them. The others stay due for the next call. Projects no longer in
     * {@code projects} are forgotten once no poll of theirs runs (one that left and came back while its poll ran is
     * still that one poll, never two).
     */
    synchronized List<Booking> book(
            Collection<ProjectRef> projects,
            long now,
            long lookahead,
            Function<ProjectRef, Duration> interval,
            int inFlight,
            Predicate<ProjectRef> busyProject,
            long busyAhead) {
        Set<ProjectRef> watched = new HashSet<>(projects);
        entries.entrySet()
                .removeIf(e -> !watched.contains(e.getKey()) && !e.getValue().busy()); // until released
        List<Booking> due = dueNow(projects, now, lookahead, interval);
        long taken = entries.values().stream().filter(Entry::busy).count();
        int room = (int) Math.max(0, Math.min(Integer.MAX_VALUE, inFlight - taken));
        if (due.size() > room) {
            Map<ProjectRef, Long> order = new HashMap<>();
            due.forEach(b -> order.put(b.project(), busyProject.test(b.project()) ? b.dueAt() - busyAhead : b.dueAt()));
            due.sort(Comparator.comparingLong(b -> order.get(b.project())));
            due = new ArrayList<>(due.subList(0, room));
        }
        due.forEach(b -> entries.get(b.project()).booked = true);
        return due;
    }

    /** The projects due within {@code lookahead}, not booked yet. */
    private List<Booking> dueNow(
            Collection<ProjectRef> projects, long now, long lookahead, Function<ProjectRef, Duration> interval) {
        List<Booking> booked = new ArrayList<>();
        for (ProjectRef project : projects) {
            Entry entry = entries.computeIfAbsent(project, p -> new Entry(now));
            if (entry.busy()) {
                continue;
            }
            long due;
            try {
                due = entry.started ? entry.lastStart + interval.apply(project).toNanos() : entry.since;
            } catch (RuntimeException e) {
                continue; // no interval for it now (a state being replaced): the next tick asks again
            }
            long wait = due - now;
            if (wait <= lookahead) {
                booked.add(new Booking(project, Math.max(0, wait), due, !entry.started));
            }
        }
        return booked;
    }

    /**
     * Claims the project for a poll beside the schedule (an event's read, a project that just joined), at once. A
     * poll only booked gives way (this one takes its place: waiting for it would delay an event's read by up to a
     * tick). False when a poll of it runs: another follows right after it ends.
     */
    synchronized boolean claim(ProjectRef project) {
        Entry entry = entries.computeIfAbsent(project, p -> new Entry(System.nanoTime()));
        if (entry.running) {
            entry.again = true;
            return false;
        }
        entry.booked = false;
        entry.running = true;
        return true;
    }

    /** A booked poll's time came: true when it starts, false when a claim took its place meanwhile. */
    synchronized boolean start(ProjectRef project) {
        Entry entry = entries.get(project);
        if (entry == null || !entry.booked) {
            return false;
        }
        entry.booked = false;
        entry.running = true;
        return true;
    }

    /**
     * The project's poll that started at {@code startedAt} ended; its next one is due an interval after that start.
     *
     * @return true when another poll was asked for while it ran: the caller claims it at once
     */
    synchronized boolean release(ProjectRef project, long startedAt) {
        Entry entry = entries.get(project);
        if (entry == null) {
            return false; // forgotten by reset
        }
        entry.started = true;
        entry.lastStart = startedAt;
        entry.running = false;
        boolean again = entry.again;
        entry.again = false;
        if (again) {
            entry.booked = false;
            entry.running = true;
        }
        return again;
    }

    /** Forgets every project's last poll, as at start. */
    synchronized void reset() {
        entries.clear();
    }
}
