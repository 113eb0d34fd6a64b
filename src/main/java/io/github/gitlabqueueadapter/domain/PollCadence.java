package io.github.gitlabqueueadapter.domain;

import java.time.Duration;

/**
 * How often a project is polled and how long its number may wait for the next answer. A project whose job events
 * arrive ({@link EventMemory#flowing()}) is polled every {@code reconcileInterval} only, to catch what events missed;
 * every other project every {@code pollInterval}.
 *
 * @param attempts the longest one poll's page request may take with its retries (timeouts and backoff)
 * @param maxStaleness how old a number polled every {@code pollInterval} may be before it is no longer served; an
 *     events-fed number gets the longer interval on top ({@code reconcileInterval - pollInterval}), so a quiet project
 *     is not unavailable for being quiet
 */
public record PollCadence(Duration pollInterval, Duration reconcileInterval, Duration attempts, Duration maxStaleness) {

    /** A cadence without events-first polling or request time: for the rules' own tests. */
    public static PollCadence of(Duration pollInterval, Duration maxStaleness) {
        return new PollCadence(pollInterval, pollInterval, Duration.ZERO, maxStaleness);
    }

    /**
     * Time between two polls of a project in this state: the reconcile interval only while its events arrive, no
     * difference a poll found waits for its event, and the last poll succeeded. A failed poll, or one that found
     * something events have not explained yet, is followed at the poll interval: a GitLab blip must not leave an
     * events-fed number unconfirmed for a whole reconcile interval.
     */
    public Duration interval(ProjectState state) {
        EventMemory events = state.events();
        boolean settled = events.flowing()
                && events.suspects() == null
                && state.lastFailure() == null
                && state.lastGood() != null;
        return interval(settled);
    }

    public Duration interval(boolean eventsFlowing) {
        return eventsFlowing ? reconcileInterval : pollInterval;
    }

    /** The interval a project's number is judged by: the reconcile interval while its events arrive. */
    public Duration expected(ProjectState state) {
        return interval(state.events().flowing());
    }

    /** Past this age a project's number is stale: its poll is due and has had all its attempts' time to answer. */
    public Duration overdueAfter(ProjectState state) {
        return expected(state).plus(attempts);
    }

    /** Past this age a project's number is not served (503). */
    public Duration unavailableAfter(ProjectState state) {
        return maxStaleness.plus(expected(state)).minus(pollInterval);
    }
}
