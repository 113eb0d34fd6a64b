package io.github.gitlabqueueadapter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.FirstPollRule;
import io.github.gitlabqueueadapter.domain.Freshness;
import io.github.gitlabqueueadapter.domain.PollCadence;
import io.github.gitlabqueueadapter.domain.PollFailure;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.support.RedisReplicas;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A replica that starts beside a shared Redis (a real redis-server; skipped without it unless -Dredis.required=true)
 * holds, the moment its store has started and before any poll of its own, the states the others wrote: those within
 * adapter.max-staleness count for its readiness and are served fresh; one Redis kept from long ago waits for a poll.
 */
class RedisSharedStartTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final ProjectRef SHARED = ProjectRef.parse("team/shared");
    private static final ProjectRef FORGOTTEN = ProjectRef.parse("team/forgotten");
    /** Polled every 15 s; a number older than 2 min is not served. */
    private static final PollCadence CADENCE = PollCadence.of(Duration.ofSeconds(15), Duration.ofMinutes(2));

    @RegisterExtension
    final RedisReplicas redis = new RedisReplicas();

    @Test
    void aReplicaStartingBesideRedisIsReadyWithTheSharedStatesAndServesThemBeforeItsOwnPoll() {
        RedisSnapshotStore running = TestStores.replica(redis);
        running.update(SHARED, s -> s.withSuccess(RedisSnapshotStoreTest.snapshot(SHARED, NOW.minusSeconds(10), 1, 2)));
        running.update(
                FORGOTTEN,
                s -> s.withSuccess(RedisSnapshotStoreTest.snapshot(FORGOTTEN, NOW.minus(Duration.ofHours(1)), 3))
                        .withFailure(new PollFailure(
                                "server_error", "GitLab answered 502", NOW.minus(Duration.ofMinutes(50)))));

        RedisSnapshotStore starting = TestStores.replica(redis); // started: nothing polled, nothing awaited

        ProjectState shared = starting.find(SHARED).orElseThrow();
        ProjectState forgotten = starting.find(FORGOTTEN).orElseThrow();
        FirstPollRule rule = new FirstPollRule(CADENCE);
        assertTrue(rule.counts(shared, NOW), "the other replica's state, 10 s old, counts for readiness");
        assertEquals(
                Freshness.Verdict.FRESH,
                new Freshness(CADENCE).judge(shared, NOW).verdict());
        assertEquals(2, shared.lastGood().jobs().size(), "the other replica's number is served");
        assertFalse(rule.counts(forgotten, NOW), "a state nobody tried for 50 min waits for a poll");
    }
}
