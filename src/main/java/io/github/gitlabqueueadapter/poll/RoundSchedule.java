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

    /**
     * Books the round due within {@code lookahead} of {@code now}, and says how long to wait for its start; -1 when
     * none is due that soon. A round on time starts exactly {@code interval} after the previous start, so the cadence
     * neither drifts nor depends on how often this is asked; a late round (the last one took longer) starts at once.
     */
    synchronized long book(long now, long lookahead) {
        long wait = nextStart - now;
        if (wait > lookahead) {
            return -1;
        }
        long start = wait > 0 ? nextStart : now;
        nextStart = (wait >= -interval.toNanos() / 10 ? nextStart : start) + interval.toNanos();
        return Math.max(0, wait);
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
