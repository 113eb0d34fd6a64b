package io.github.gitlabqueueadapter.poll;

import java.time.Duration;

/**
 * When the next round of polls starts: {@code interval} after the last one started, or as soon as it ends when it
 * took longer. A slow round stretches the interval; it never makes the next rounds burst to catch up. Times are
 * monotonic nanoseconds ({@link System#nanoTime()}), passed in.
 */
final class RoundSchedule {

    private final Duration interval;
    private long nextStart;
    private Duration lastRound = Duration.ZERO;

    RoundSchedule(Duration interval, long now) {
        this.interval = interval;
        this.nextStart = now;
    }

    /** Whether a round is due at {@code now}; if so, it is booked as started. */
    synchronized boolean startIfDue(long now) {
        if (nextStart - now > 0) {
            return false;
        }
        nextStart = now + interval.toNanos();
        return true;
    }

    /** The round that started at {@code started} ended at {@code now}; true when it took longer than the interval. */
    synchronized boolean finished(long started, long now) {
        lastRound = Duration.ofNanos(now - started);
        return lastRound.compareTo(interval) > 0;
    }

    /** The time between two polls of a project now. */
    synchronized Duration effectiveInterval() {
        return lastRound.compareTo(interval) > 0 ? lastRound : interval;
    }

    synchronized Duration lastRound() {
        return lastRound;
    }
}
