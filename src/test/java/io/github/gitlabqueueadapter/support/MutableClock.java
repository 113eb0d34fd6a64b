package io.github.gitlabqueueadapter.support;

import io.github.gitlabqueueadapter.domain.ResetForTests;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock plus an offset that tests move forward, so that ages and staleness can be tested without waiting;
 * or, once {@link #stopAt(Instant) stopped}, a clock that moves only when a test moves it, for figures that add up to
 * the second.
 */
@Alternative
@Priority(1)
@Singleton
public class MutableClock extends Clock implements ResetForTests {

    private volatile Duration offset = Duration.ZERO;
    /** Where the clock stands while stopped; null while it runs. */
    private volatile Instant stopped;

    public synchronized void advance(Duration by) {
        if (stopped != null) {
            stopped = stopped.plus(by);
        } else {
            offset = offset.plus(by);
        }
    }

    /** The clock reads {@code at} until a test advances it (by exactly that much) or resets it. */
    public void stopAt(Instant at) {
        stopped = at;
    }

    /** Back to the system clock, running, as every test starts. */
    @Override
    public synchronized void reset() {
        offset = Duration.ZERO;
        stopped = null;
    }

    @Override
    public Instant instant() {
        Instant at = stopped;
        return at != null ? at : Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
