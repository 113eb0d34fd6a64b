package io.github.gitlabqueueadapter.store;

import static io.github.gitlabqueueadapter.store.RedisSnapshotStoreTest.jobIds;
import static io.github.gitlabqueueadapter.store.RedisSnapshotStoreTest.snapshot;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.JobEvent;
import io.github.gitlabqueueadapter.domain.JobEventApplier.Outcome;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.announcements.JobEventApplied;
import io.github.gitlabqueueadapter.support.FiredEvents;
import io.github.gitlabqueueadapter.support.Jobs;
import io.github.gitlabqueueadapter.support.LogCapture;
import io.github.gitlabqueueadapter.support.RedisReplicas;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis loses a project's state (FLUSHALL, a restart without persistence, eviction) while the replicas stay up: the
 * next write of any replica that holds a copy writes the state again from that copy, with its change on top, and the
 * webhook says {@code applied} only when the change is stored.
 */
class RedisLostStateTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final ProjectRef PROJECT = ProjectRef.parse("team/app");
    private static final ProjectRef OTHER = ProjectRef.parse("team/other");
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final String LOSS = "Redis had lost the state of project team/app";

    @RegisterExtension
    final RedisReplicas redis = new RedisReplicas();

    private final FiredEvents<JobEventApplied> applied = new FiredEvents<>();

    private RedisSnapshotStore replica() {
        return TestStores.replica(redis);
    }

    /** The one writer of a replica, its clock a minute after the first poll. */
    private SnapshotWriter writer(SnapshotStore store) {
        return TestStores.writer(store, T0.plusSeconds(60), applied);
    }

    private static JobEvent pending(long id) {
        return new JobEvent(
                Jobs.pending(id).tags("docker").queued(0.5).createdAt(T0).build());
    }

    private Response redisCall(Request request) throws Exception {
        return redis.client()
                .send(request)
                .toCompletionStage()
                .toCompletableFuture()
                .get();
    }

    /** Deletes every key of one project, as an eviction would. */
    private void deleteKeysOf(ProjectRef project) throws Exception {
        List<String> keys = new ArrayList<>();
        redisCall(Request.cmd(Command.KEYS).arg("test:*")).forEach(key -> keys.add(key.toString()));
        for (String key : keys) {
            if (key.endsWith(":" + project.key())) {
                redisCall(Request.cmd(Command.DEL).arg(key));
            }
        }
    }

    private static long losses(LogCapture log) {
        return log.atLeast(Level.WARNING).stream()
                .filter(line -> line.message().contains(LOSS))
                .count();
    }

    @Test
    void anEventAfterFlushAllIsStoredFromThisReplicasCopyAndSeenByTheOthers() throws Exception {
        RedisSnapshotStore a = replica();
        RedisSnapshotStore b = replica();
        SnapshotWriter writer = writer(a);
        a.update(PROJECT, s -> s.withSuccess(snapshot(PROJECT, T0, 1, 2)));
        await().atMost(WITHIN).until(() -> jobIds(b, PROJECT).equals(Set.of(1L, 2L)));

        try (LogCapture log = LogCapture.of(RedisSnapshotStore.class)) {
            redisCall(Request.cmd(Command.FLUSHALL));

            assertEquals(Outcome.APPLIED, writer.applyEvent(PROJECT, pending(7)));
            assertEquals(Outcome.APPLIED, writer.applyEvent(PROJECT, pending(8)));

            assertEquals(Set.of(1L, 2L, 7L, 8L), jobIds(a, PROJECT), "this replica counts both");
            assertEquals(Set.of(1L, 2L, 7L, 8L), jobIds(replica(), PROJECT), "Redis holds the copy and both events");
            await().atMost(WITHIN).until(() -> jobIds(b, PROJECT).equals(Set.of(1L, 2L, 7L, 8L)));
            assertEquals(2, applied.all().size(), "both announced as applied");
            assertEquals(1, losses(log), "the loss is logged once: " + log.lines());
        }
    }

    @Test
    void anEventAfterItsProjectsKeyWasDeletedIsStoredAgainWithoutTouchingOthers() throws Exception {
        RedisSnapshotStore a = replica();
        RedisSnapshotStore b = replica();
        a.update(PROJECT, s -> s.withSuccess(snapshot(PROJECT, T0, 1)));
        a.update(OTHER, s -> s.withSuccess(snapshot(OTHER, T0, 5)));
        await().atMost(WITHIN)
                .until(() ->
                        jobIds(b, PROJECT).equals(Set.of(1L)) && b.find(OTHER).isPresent());

        try (LogCapture log = LogCapture.of(RedisSnapshotStore.class)) {
            deleteKeysOf(PROJECT);

            // the event reaches the other replica: its copy is the one written again
            assertEquals(Outcome.APPLIED, writer(b).applyEvent(PROJECT, pending(7)));

            assertEquals(Set.of(1L, 7L), jobIds(b, PROJECT));
            RedisSnapshotStore late = replica();
            assertEquals(Set.of(1L, 7L), jobIds(late, PROJECT));
            assertEquals(Set.of(5L), jobIds(late, OTHER), "the other project was not touched");
            await().atMost(WITHIN).until(() -> jobIds(a, PROJECT).equals(Set.of(1L, 7L)));
            assertEquals(1, losses(log), log.lines().toString());
        }
    }

    @Test
    void aPollAfterTheLossBuildsOnThisReplicasCopySoWhatEventsToldIsKept() throws Exception {
        RedisSnapshotStore a = replica();
        SnapshotWriter writer = writer(a);
        a.update(PROJECT, s -> s.withSuccess(snapshot(PROJECT, T0, 1)));
        assertEquals(Outcome.APPLIED, writer.applyEvent(PROJECT, pending(7))); // at T0 + 60 s

        redisCall(Request.cmd(Command.FLUSHALL));
        // a poll that began before the event and so does not list job 7 yet
        a.update(PROJECT, s -> s.withSuccess(snapshot(PROJECT, T0.plusSeconds(50), 1)));

        assertEquals(Set.of(1L, 7L), jobIds(a, PROJECT), "the event's job is kept: the poll began before it");
        assertEquals(Set.of(1L, 7L), jobIds(replica(), PROJECT));
        assertTrue(a.find(PROJECT).orElseThrow().events().flowing(), "and so is the events' memory");
    }

    @Test
    void anEventForAProjectNeverPolledIsNotApplied() throws Exception {
        RedisSnapshotStore a = replica();

        assertEquals(Outcome.NOT_POLLED_YET, writer(a).applyEvent(PROJECT, pending(7)));

        assertTrue(a.find(PROJECT).isEmpty());
        assertTrue(replica().find(PROJECT).isEmpty(), "nothing in Redis");
        assertEquals(List.of(), applied.all(), "nothing announced");
        assertEquals(0L, redisCall(Request.cmd(Command.DBSIZE)).toLong());
    }

    @Test
    void theMemoryStoreSaysAppliedOnlyForAStoredChange() {
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        SnapshotWriter writer = writer(store);
        assertEquals(Outcome.NOT_POLLED_YET, writer.applyEvent(PROJECT, pending(7)));
        store.update(PROJECT, s -> s.withSuccess(snapshot(PROJECT, T0, 1)));

        assertEquals(Outcome.APPLIED, writer.applyEvent(PROJECT, pending(7)));

        assertEquals(1, applied.all().size());
        assertEquals(store.find(PROJECT).orElseThrow(), applied.all().get(0).state());
    }
}
