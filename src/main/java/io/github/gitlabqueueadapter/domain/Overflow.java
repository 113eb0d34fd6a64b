package io.github.gitlabqueueadapter.domain;

import java.time.Duration;

/**
 * A pool that is the overflow of another (spot first, on-demand overflow): it counts as pending only the jobs the other
 * pool's runners would take that have waited at least {@code after}, so that its runners start only for what the other
 * pool did not take in time.
 *
 * @param of the pool it overflows, as its {@code overflow-of} names it
 * @param root the first pool of the chain ({@code c} overflow-of {@code b} overflow-of {@code a}: {@code a}), whose
 *     projects, groups and pending filter it counts
 * @param after how long a pending job waits before it overflows: the largest {@code overflow-after} along the chain
 */
public record Overflow(String of, String root, Duration after) {

    /** {@code overflow-after} when not given. */
    public static final Duration DEFAULT_AFTER = Duration.ofSeconds(90);

    /** The longest {@code overflow-after}: a job that waits longer has waited too long for any spot runner. */
    public static final Duration MAX_AFTER = Duration.ofHours(1);

    /** Whether a pending job that has waited {@code waitedSeconds} (see {@link JobWait}) is this pool's to take. */
    public boolean overflows(double waitedSeconds) {
        return waitedSeconds >= after.toNanos() / 1e9;
    }

    /** The threshold in seconds, as the pool's JSON says it. */
    public double afterSeconds() {
        return after.toMillis() / 1000.0;
    }
}
