package io.github.gitlabqueueadapter.domain;

import java.time.Duration;
import java.time.Instant;

/** Durations as seconds, for any two instants: {@link Duration#toMillis()} overflows past 292 million years. */
public final class Seconds {

    private Seconds() {}

    /** Seconds from {@code from} to {@code to} (below zero when {@code to} is earlier); never throws. */
    public static double between(Instant from, Instant to) {
        Duration d = Duration.between(from, to); // seconds of any two instants fit a long
        return d.getSeconds() + d.getNano() / 1e9;
    }

    /** {@code d} in seconds; never throws. */
    public static double of(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }
}
