package io.github.gitlabqueueadapter.insight;

import io.github.gitlabqueueadapter.domain.Seconds;
import io.github.gitlabqueueadapter.insight.ScalingTimeline.Capacity;
import io.github.gitlabqueueadapter.insight.ScalingTimeline.Rise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A queue's demand from its samples: empty to waiting is a rise ({@code demand}), waiting to empty is {@code emptied},
 * and a rise closes ({@code capacity}) when the queue emptied or its waits fell under the wait threshold; keeps the
 * time to capacity of the last {@value ScalingTimeline#RISES} rises. Not thread-safe: its timeline guards it.
 */
final class DemandTracker {

    static final String EMPTIED = "emptied";
    static final String WAITS_UNDER_THRESHOLD = "waits-under-threshold";
    static final String OPEN = "open";

    private final Duration waitThreshold;
    private final ArrayDeque<Rise> rises = new ArrayDeque<>(2);
    private Integer lastPending;
    /** The first and the last sample: samples taken on several threads may arrive out of order. */
    private Instant firstSampleAt;

    private Instant lastSampleAt;
    private Instant risenAt;

    DemandTracker(Duration waitThreshold) {
        this.waitThreshold = waitThreshold;
    }

    /** A sample older than the state already taken: it would undo a newer rise. */
    boolean outOfOrder(Instant at) {
        return lastSampleAt != null && at.isBefore(lastSampleAt);
    }

    /** The events of a sample in order; the first sample is the baseline (a queue waiting then did not just rise). */
    List<TimelineEvent> sampled(Instant at, int pending, double oldestPendingSeconds) {
        firstSampleAt = firstSampleAt == null ? at : firstSampleAt;
        lastSampleAt = at;
        List<TimelineEvent> events = new ArrayList<>(2);
        if (lastPending != null && lastPending == 0 && pending > 0) {
            events.add(
                    new TimelineEvent.DemandRose(at, "queue rose from empty: " + jobs(pending) + " waiting", pending));
            risenAt = at;
        } else if (lastPending != null && lastPending > 0 && pending == 0) {
            events.add(new TimelineEvent.Emptied(at, "queue empty"));
        }
        if (risenAt != null && at.isAfter(risenAt)) {
            double lasted = Seconds.between(risenAt, at);
            if (pending == 0) {
                events.add(close(at, lasted, EMPTIED));
            } else if (oldestPendingSeconds < waitThreshold.toMillis() / 1000.0
                    && oldestPendingSeconds + 0.05 < lasted) { // waits are tenths: 10.04 s reads 10.0
                events.add(close(at, lasted, WAITS_UNDER_THRESHOLD));
            }
        }
        lastPending = pending;
        return events;
    }

    private TimelineEvent close(Instant at, double lasted, String how) {
        Rise rise = new Rise(risenAt, at, Math.round(lasted * 10) / 10.0, how);
        rises.addFirst(rise);
        while (rises.size() > ScalingTimeline.RISES) {
            rises.removeLast();
        }
        risenAt = null;
        String why = how.equals(EMPTIED) ? "the queue emptied" : "waits under " + DurationText.of(waitThreshold);
        return new TimelineEvent.CapacityCaughtUp(
                at, "capacity caught up after " + DurationText.of(rise.seconds()) + " (" + why + ")", rise.seconds());
    }

    /** The time to capacity of the last rises, newest first, with their median and the rise still open. */
    Capacity capacity(Instant now) {
        List<Rise> last = List.copyOf(rises);
        Double median = null;
        if (!last.isEmpty()) {
            double[] sorted = last.stream().mapToDouble(Rise::seconds).sorted().toArray();
            int n = sorted.length;
            median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            median = Math.round(median * 10) / 10.0;
        }
        Rise open = risenAt == null ? null : new Rise(risenAt, null, Seconds.between(risenAt, now), OPEN);
        return new Capacity(last, median, open);
    }

    /** When the first sample (the baseline) was taken, or null before. */
    Instant firstSampleAt() {
        return firstSampleAt;
    }

    /** The rises that {@code older} events (oldest first) closed, behind those seen here, while fewer than kept. */
    void restore(List<TimelineEvent> older) {
        for (int i = older.size() - 1; i >= 0 && rises.size() < ScalingTimeline.RISES; i--) {
            if (older.get(i) instanceof TimelineEvent.CapacityCaughtUp e && e.seconds() != null) {
                Instant risen = e.at().minusMillis(Math.round(e.seconds() * 1000));
                String how =
                        e.text() != null && e.text().endsWith("(the queue emptied)") ? EMPTIED : WAITS_UNDER_THRESHOLD;
                rises.addLast(new Rise(risen, e.at(), e.seconds(), how));
            }
        }
    }

    /** "1 job", "4 jobs". */
    static String jobs(int n) {
        return n == 1 ? "1 job" : n + " jobs";
    }
}
