package io.github.gitlabqueueadapter.domain;

import java.time.Instant;

/**
 * One queue's numbers now, measured from its projects' states: its {@link QueueCount}, where that came from and how
 * far it can be trusted.
 *
 * @param observedAt when the oldest snapshot counted was taken
 * @param ageSeconds how old that snapshot is now, in seconds
 * @param members how many projects a pool or group sums; null for a project
 * @param lastEventAt when a GitLab job event last changed one of the projects; null before the first
 * @param source what keeps the number current: job events (polls only reconcile) or polls
 */
public record QueueMeasurement(
        String name,
        QueueCount count,
        Instant observedAt,
        double ageSeconds,
        Trust trust,
        Members members,
        Instant lastEventAt,
        Source source) {

    /** What keeps a queue's number current. A pool or group is fed by events only when all its read projects are. */
    public enum Source {
        /** Job events arrive for the projects; each is polled every {@code adapter.reconcile-interval} only. */
        EVENTS,
        /** Polled every {@code adapter.poll-interval}: no job events arrive, or a poll found a change they missed. */
        POLLING;

        /** As the JSON writes it: {@code events} or {@code polling}. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param stale the last poll of a project failed (or a project cannot be read) and older numbers are counted
     * @param capped {@code adapter.max-pages} stopped a reading: the real queue is at least this long
     * @param lastError why, when stale; else null
     */
    public record Trust(boolean stale, boolean capped, String lastError) {}

    /** @param unavailable how many of the summed projects cannot be read now */
    public record Members(int projects, int unavailable) {}

    public int pending() {
        return count.pending();
    }

    public int running() {
        return count.running();
    }

    public int total() {
        return count.total();
    }

    public double oldestPendingSeconds() {
        return count.oldestPendingSeconds();
    }

    public boolean stale() {
        return trust.stale();
    }
}
