package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.Freshness.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FreshnessTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final ProjectRef PROJECT = ProjectRef.parse("group/app");
    /** Polled every 15 s, or every 5 min while events arrive; one poll's attempts may take 16 s; 503 past 2 min. */
    private static final PollCadence CADENCE = new PollCadence(
            Duration.ofSeconds(15), Duration.ofMinutes(5), Duration.ofSeconds(16), Duration.ofMinutes(2));

    private final Freshness freshness = new Freshness(CADENCE);

    /** 2,000 one-page projects polled at 600 requests a minute: each polled about every 204 s. */
    private static final PollBudget.Allowance SHORT_BUDGET =
            new PollBudget(600, CADENCE).allow(new PollBudget.Demand(2000, 0, 2000, 0, 0));

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

    /**
     * Each row: how the project stands (polled, fed by events, its last poll failed), the number's age in seconds;
     * the verdict, and a part of its reason. With the budget short, a project polled at the budget's cadence (204 s)
     * is stale, never a 503, until (204 s + its wait) x 1.25 + 16 s of attempts: 271 s; fed by events, (300 s + 189
     * s) x 1.25 + 16 s = 627 s.
     */
    @ParameterizedTest(name = "{0}, {1} s old: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            polled |  20 | FRESH       |
            polled |  45 | STALE       | 2000 watched projects about every 204 s, adapter.poll-interval is 15 s)
            polled | 200 | STALE       | 200 s old: it waits its turn
            polled | 271 | STALE       | waits its turn
            polled | 272 | UNAVAILABLE | older than 271s (the interval gitlab.requests-per-minute allows
            failed | 200 | STALE       | GitLab answered 502
            failed | 272 | UNAVAILABLE | GitLab answered 502
            events | 320 | STALE       | waits its turn
            events | 627 | STALE       | waits its turn
            events | 628 | UNAVAILABLE | older than 627s
            """)
    void aProjectWaitingItsTurnInAShortBudgetIsStaleNotUnavailable(
            String how, int ageSeconds, Verdict verdict, String reason) {
        Freshness judged = new Freshness(CADENCE, () -> SHORT_BUDGET);
        ProjectState state = switch (how) {
            case "events" -> good(T0).withEventsArriving();
            case "failed" -> good(T0).withFailure(failure(T0.plusSeconds(15)));
            default -> good(T0);
        };
        Freshness.Judgement judgement = judged.judge(state, T0.plusSeconds(ageSeconds));
        assertEquals(verdict, judgement.verdict(), judgement.reason());
        if (reason == null) {
            assertNull(judgement.reason());
        } else {
            assertTrue(judgement.reason().contains(reason), judgement.reason());
        }
    }
}
