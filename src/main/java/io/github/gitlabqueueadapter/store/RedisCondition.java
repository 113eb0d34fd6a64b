package io.github.gitlabqueueadapter.store;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One condition of Redis as a replica's log tells it (Redis failing calls, too few replicas): one WARN line when it
 * starts and one INFO line when it ends, however many calls fail or retries pass in between, and the end line tells
 * how long it lasted from its start, not from the last retry.
 */
final class RedisCondition {

    private final Logger log;

    /** When the condition started, or null while it is off. */
    private Instant since;

    private long sinceNanos;

    /** An end seen but not told yet ({@link #endOnceSettled}): when, and the line to tell. */
    private long endingNanos;

    private Function<String, String> endingLine;

    RedisCondition(Logger log) {
        this.log = log;
    }

    /**
     * Starts the condition now, logging the warning; nothing when it is on already (a retry failing again).
     *
     * @return whether it started now
     */
    boolean start(String format, Object... args) {
        return start(Instant.now(), System.nanoTime(), format, args);
    }

    /** Starts the condition as from a moment past (when it was first seen, before it counted), logging the warning. */
    synchronized boolean start(Instant at, long atNanos, String format, Object... args) {
        if (since != null) {
            endingLine = null; // it failed again before its end settled: the same condition goes on
            return false;
        }
        since = at;
        sinceNanos = atNanos;
        log.warnf(format, args);
        return true;
    }

    /** Ends the condition now; see {@link #end(long, Function)}. */
    boolean end(Function<String, String> line) {
        return end(System.nanoTime(), line);
    }

    /**
     * Ends the condition, if on, logging {@code line} applied to how long it lasted, as a person reads it ("34.5 s"):
     * from its start until {@code atNanos} ({@link System#nanoTime()}), the moment it was over.
     *
     * @return whether it ended now
     */
    synchronized boolean end(long atNanos, Function<String, String> line) {
        if (since == null) {
            return false;
        }
        since = null;
        log.info(line.apply(RedisCalls.human(Duration.ofNanos(Math.max(0, atNanos - sinceNanos)))));
        return true;
    }

    /**
     * The condition looks over at {@code atNanos}; it is told over only once it stays over for a while
     * ({@link #settle}): Redis that takes some writes and refuses others would otherwise make a pair of lines each
     * retry.
     */
    synchronized void endOnceSettled(long atNanos, Function<String, String> line) {
        if (since != null && endingLine == null) {
            endingNanos = atNanos;
            endingLine = line;
        }
    }

    /** Tells the end seen by {@link #endOnceSettled} when nothing started it again for {@code quiet}. */
    synchronized void settle(long nowNanos, Duration quiet) {
        if (since != null && endingLine != null && nowNanos - endingNanos >= quiet.toNanos()) {
            Function<String, String> line = endingLine;
            endingLine = null;
            end(endingNanos, line);
        }
    }

    /** When the condition started, or null while it is off. */
    synchronized Instant since() {
        return since;
    }
}
