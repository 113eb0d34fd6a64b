package io.github.gitlabqueueadapter.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a project counts as polled for a replica's readiness. A project counts once it was tried within
 * {@code adapter.max-staleness} (this replica's first poll, failed or not, or another replica's, read from Redis), or
 * once its number may be served ({@link Freshness}: not unavailable). So a replica that starts beside a shared Redis
 * is ready with the states the others wrote, and serves their numbers before its own first poll; a state Redis kept
 * from long ago (nobody tried the project within max-staleness, and its number is too old to serve) waits for a poll,
 * as a project never polled does.
 */
public final class FirstPollRule {

    private final Freshness freshness;
    private final Duration maxStaleness;

    public FirstPollRule(PollCadence cadence) {
        this.freshness = new Freshness(cadence);
        this.maxStaleness = cadence.maxStaleness();
    }

    /** @param state the project's state, or null when there is none */
    public boolean counts(ProjectState state, Instant now) {
        if (state == null) {
            return false;
        }
        Instant tried = state.lastAttemptAt();
        if (tried != null && !tried.isBefore(now.minus(maxStaleness))) {
            return true;
        }
        return freshness.judge(state, now).verdict() != Freshness.Verdict.UNAVAILABLE;
    }
}
