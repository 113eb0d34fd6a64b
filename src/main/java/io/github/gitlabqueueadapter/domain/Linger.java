package io.github.gitlabqueueadapter.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * What is held of a need that rises at once and falls only after a while: a runner count goes up as soon as it is
 * needed, and down only once nothing needed the held count for {@code idleTime}, so that it does not flap. Immutable;
 * each reading gives the next state.
 *
 * @param held the count held now
 * @param neededAt when the need last reached {@code held}
 */
public record Linger(int held, Instant neededAt) {

    /** Nothing held yet: the first need is taken as it is. */
    public static Linger start(Instant now, int need) {
        return new Linger(need, now);
    }

    /**
     * The state after the need is {@code need} at {@code now}: held as high as the need, and down to it once the held
     * count went unneeded for {@code idleTime}.
     */
    public Linger next(Instant now, int need, Duration idleTime) {
        if (need >= held) {
            return new Linger(need, now);
        }
        if (!now.isBefore(neededAt.plus(idleTime))) {
            return new Linger(need, now);
        }
        return this;
    }

    /** When the held count is released if nothing needs it again. */
    public Instant releaseAt(Duration idleTime) {
        return neededAt.plus(idleTime);
    }
}
