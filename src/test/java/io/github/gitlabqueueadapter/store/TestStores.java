package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.domain.announcements.JobEventApplied;
import io.github.gitlabqueueadapter.domain.announcements.JobEventDoubted;
import io.github.gitlabqueueadapter.domain.announcements.ProjectLeft;
import io.github.gitlabqueueadapter.domain.announcements.ProjectPolled;
import io.github.gitlabqueueadapter.support.FiredEvents;
import io.github.gitlabqueueadapter.support.RedisReplicas;
import io.github.gitlabqueueadapter.support.TestConfigs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** A replica's store and its one writer, outside a container, for the store's tests. */
final class TestStores {

    private TestStores() {}

    /** A replica's Redis store on the test's server (key prefix {@code test:}), started, closed after the test. */
    static RedisSnapshotStore replica(RedisReplicas redis) {
        RedisSnapshotStore store = new RedisSnapshotStore(
                redis.client(),
                new RedisSnapshotStore.Settings(
                        "test:", Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofMillis(200)));
        redis.closedAfter(store);
        store.start();
        return store;
    }

    /** The writer of a replica whose clock says {@code now}; its JobEventApplied go to {@code applied}. */
    static SnapshotWriter writer(SnapshotStore store, Instant now, FiredEvents<JobEventApplied> applied) {
        return new SnapshotWriter(
                store,
                Clock.fixed(now, ZoneOffset.UTC),
                TestConfigs.adapter(),
                new FiredEvents<ProjectPolled>(),
                applied,
                new FiredEvents<ProjectLeft>(),
                new FiredEvents<JobEventDoubted>());
    }

    /**
     * A replica's history archive on the test's server (key prefix {@code test:}), closed after the test: a retention
     * of 10 minutes in 10 slots of a minute, at most 10 samples, 5 waits and 4 events, a lease of 2 seconds.
     */
    static RedisHistoryArchive historyArchive(RedisReplicas redis, String id) {
        return redis.closedAfter(new RedisHistoryArchive(
                redis.client(),
                "test:",
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofMinutes(10),
                10,
                5,
                4,
                id));
    }
}
