package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.Freshness.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreshnessTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final ProjectRef PROJECT = ProjectRef.parse("group/app");
    /** Polled every 15 s, or every 5 min while events arrive; one poll's attempts may take 16 s; 503 past 2 min. */
    private static final PollCadence CADENCE = new PollCadence(
            Duration.ofSeconds(15), Duration.ofMinutes(5), Duration.ofSeconds(16), Duration.ofMinutes(2));

    private final Freshness freshness = new Freshness(CADENCE);

    private static ProjectState good(Instant at) {
        return ProjectState.unpolled(PROJECT).withSuccess(new ProjectSnapshot(PROJECT, List.of(), at, false, 1));
    }

    private static PollFailure failure(Instant at) {
        return new PollFailure("server_error", "GitLab answered 502", at);
    }

    @Test
    void neverPolledIsUnavailable() {
        Freshness.Judgement judgement = freshness.judge(ProjectState.unpolled(PROJECT), T0);
        assertEquals(Verdict.UNAVAILABLE, judgement.verdict());
        assertTrue(judgement.reason().contains("not polled yet"));
    }

    @Test
    void failingBeforeAnyGoodPollIsUnavailableWithTheReason() {
        Freshness.Judgement judgement =
                freshness.judge(ProjectState.unpolled(PROJECT).withFailure(failure(T0)), T0);
        assertEquals(Verdict.UNAVAILABLE, judgement.verdict());
        assertTrue(judgement.reason().contains("GitLab answered 502"));
    }

    @Test
    void aGoodPollIsFreshUntilTheNextOneIsOverdueThenStaleSayingForHowLongGitLabHasNotAnswered() {
        assertEquals(new Freshness.Judgement(Verdict.FRESH, null), freshness.judge(good(T0), T0.plusSeconds(31)));
        Freshness.Judgement overdue = freshness.judge(good(T0), T0.plusSeconds(45));
        assertEquals(Verdict.STALE, overdue.verdict());
        assertEquals("GitLab has not answered for 45 s (a poll is due every 15 s)", overdue.reason());
        assertEquals(
                Verdict.STALE, freshness.judge(good(T0), T0.plusSeconds(120)).verdict());
        assertEquals(
                Verdict.UNAVAILABLE,
                freshness.judge(good(T0), T0.plusSeconds(121)).verdict());
    }

    @Test
    void aProjectFedByJobEventsIsFreshForItsReconcileIntervalAndServedThatMuchLonger() {
        ProjectState fed = good(T0).withEventsArriving();
        assertEquals(
                Verdict.FRESH, freshness.judge(fed, T0.plusSeconds(300 + 16)).verdict(), "quiet, not stale");
        assertEquals(Verdict.STALE, freshness.judge(fed, T0.plusSeconds(317)).verdict());
        assertEquals(
                Verdict.STALE, freshness.judge(fed, T0.plusSeconds(120 + 285)).verdict());
        Freshness.Judgement past = freshness.judge(fed, T0.plusSeconds(406));
        assertEquals(Verdict.UNAVAILABLE, past.verdict());
        assertTrue(past.reason().contains("405s"), past.reason());
    }

    @Test
    void aFailedPollAfterAGoodOneIsStaleUntilTheBound() {
        ProjectState state = good(T0).withFailure(failure(T0.plusSeconds(15)));
        assertEquals(Verdict.STALE, freshness.judge(state, T0.plusSeconds(120)).verdict());
        Freshness.Judgement past = freshness.judge(state, T0.plusSeconds(121));
        assertEquals(Verdict.UNAVAILABLE, past.verdict());
        assertTrue(past.reason().contains("adapter.max-staleness"));
    }

    @Test
    void aProjectGitLabAnswers404ForIsUnavailableAtOnceNotServedFromItsLastJobs() {
        ProjectState state = good(T0).withFailure(
                        new PollFailure("not_found", "GitLab answered 404 (project not found)", T0.plusSeconds(15)));
        Freshness.Judgement judgement = freshness.judge(state, T0.plusSeconds(16));
        assertEquals(Verdict.UNAVAILABLE, judgement.verdict());
        assertTrue(judgement.reason().contains("404"), judgement.reason());
    }

    @Test
    void aSnapshotOlderThanTheBoundIsUnavailableEvenWithoutAFailure() {
        assertEquals(
                Verdict.UNAVAILABLE,
                freshness.judge(good(T0), T0.plusSeconds(121)).verdict());
    }

    @Test
    void aSuccessClearsTheFailure() {
        ProjectState state = good(T0).withFailure(failure(T0.plusSeconds(15)))
                .withSuccess(new ProjectSnapshot(PROJECT, List.of(), T0.plusSeconds(30), false, 1));
        assertNull(state.lastFailure());
        assertEquals(Verdict.FRESH, freshness.judge(state, T0.plusSeconds(31)).verdict());
    }
}
