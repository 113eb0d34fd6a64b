package io.github.gitlabqueueadapter.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.JobState;
import io.github.gitlabqueueadapter.domain.PollFailure;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectSnapshot;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.announcements.StateShared;
import io.github.gitlabqueueadapter.support.Jobs;
import io.github.gitlabqueueadapter.support.RedisReplicas;
import io.github.gitlabqueueadapter.support.RedisServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two replicas' stores sharing one real Redis (Debian's redis-server, started here; skipped without it unless
 * -Dredis.required=true): each has its own client, subscription and local copy, as two adapters would.
 */
class RedisSnapshotStoreTest {

    /** Generous: the bound is for a loaded CI machine, not a claim about speed. */
    private static final Duration WITHIN = Duration.ofSeconds(20);

    private static final ProjectRef PROJECT = ProjectRef.parse("team/app");
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    @RegisterExtension
    final RedisReplicas redis = new RedisReplicas();

    private RedisSnapshotStore replica(String uri) {
        return replica(uri, shared -> {});
    }

    private RedisSnapshotStore replica(String uri, java.util.function.Consumer<StateShared> told) {
        RedisSnapshotStore store = new RedisSnapshotStore(
                redis.client(uri),
                new RedisSnapshotStore.Settings(
                        "test:", Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofMillis(200)),
                told);
        redis.closedAfter(store);
        store.start();
        return store;
    }

    private RedisSnapshotStore replica() {
        return replica(redis.server().uri());
    }

    static JobState job(long id) {
        return Jobs.pending(id).tags("docker").queued(1.5).createdAt(T0).build();
    }

    static ProjectSnapshot snapshot(ProjectRef project, Instant at, long... ids) {
        return new ProjectSnapshot(
                project,
                LongStream.of(ids).mapToObj(RedisSnapshotStoreTest::job).toList(),
                at,
                false,
                1);
    }

    /** Adds one job to the last good snapshot: a change that is lost when two writers race without a version. */
    private static UnaryOperator<ProjectState> addJob(long id) {
        return state -> {
            List<JobState> jobs = new ArrayList<>(
                    state.lastGood() == null ? List.of() : state.lastGood().jobs());
            jobs.add(job(id));
            ProjectSnapshot snapshot = new ProjectSnapshot(state.project(), jobs, T0, false, 1);
            return new ProjectState(state.project(), snapshot, T0, null, state.events());
        };
    }

    static Set<Long> jobIds(RedisSnapshotStore store, ProjectRef project) {
        return store.find(project)
                .map(s -> s.lastGood() == null
                        ? Set.<Long>of()
                        : s.lastGood().jobs().stream().map(JobState::id).collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    @Test
    void aWriteOnOneReplicaIsReadOnTheOther() {
        RedisSnapshotStore a = replica();
        RedisSnapshotStore b = replica();
        assertTrue(a.reachable() && b.reachable());

        ProjectState written = a.update(PROJECT, s -> s.withSuccess(snapshot(PROJECT, T0, 1, 2, 3)));

        await().atMost(WITHIN).until(() -> b.find(PROJECT).isPresent());
        assertEquals(written, b.find(PROJECT).orElseThrow(), "the same state, jobs, times and all");
        assertEquals(a.copy(PROJECT).version(), b.copy(PROJECT).version());

        // and back: b's failure reaches a
        PollFailure failure = new PollFailure("timeout", "GitLab did not answer within 1s", T0.plusSeconds(15));
        b.update(PROJECT, s -> s.withFailure(failure));
        await().atMost(WITHIN)
                .until(() -> failure.equals(a.find(PROJECT).orElseThrow().lastFailure()));
        assertEquals(Set.of(1L, 2L, 3L), jobIds(a, PROJECT), "the last good snapshot is kept beside the failure");
    }

    @Test
    void aReplicaIsToldOfEachStateAnotherWroteButNotOfItsOwn() {
        List<StateShared> toldA = new CopyOnWriteArrayList<>();
        List<StateShared> toldB = new CopyOnWriteArrayList<>();
        RedisSnapshotStore a = replica(redis.server().uri(), toldA::add);
        RedisSnapshotStore b = replica(redis.server().uri(), toldB::add);

        ProjectState first = a.update(PROJECT, s -> s.withSuccess(snapshot(PROJECT, T0, 1)));
        await().atMost(WITHIN).until(() -> toldB.size() == 1);
        ProjectState second = a.update(PROJECT, s -> s.withSuccess(snapshot(PROJECT, T0.plusSeconds(15), 1, 2)));
        await().atMost(WITHIN).until(() -> toldB.size() == 2);

        assertEquals(List.of(new StateShared(PROJECT, first), new StateShared(PROJECT, second)), toldB);
        assertEquals(List.of(), toldA, "a wrote them: nothing came to it from another replica");
    }

    @Test
    void aReplicaThatStartsLaterReadsEveryState() {
        RedisSnapshotStore a = replica();
        for (int i = 1; i <= 20; i++) {
            ProjectRef project = ProjectRef.parse("team/app-" + i);
            a.update(project, s -> s.withSuccess(snapshot(project, T0, 1)));
        }

        RedisSnapshotStore late = replica();

        assertEquals(20, late.all().size(), "read at start, before any announcement");
    }

    @Test
    void concurrentUpdatesOfOneProjectFromTwoReplicasLoseNone() throws Exception {
        RedisSnapshotStore a = replica();
        RedisSnapshotStore b = replica();
        a.update(PROJECT, s -> s.withSuccess(snapshot(PROJECT, T0)));
        await().atMost(WITHIN).until(() -> b.find(PROJECT).isPresent());

        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < 4; writer++) {
                RedisSnapshotStore store = writer % 2 == 0 ? a : b;
                long first = writer * 50L;
                done.add(writers.submit(() -> {
                    for (long id = first; id < first + 50; id++) {
                        store.update(PROJECT, addJob(id));
                    }
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            writers.shutdownNow();
        }

        Set<Long> all = LongStream.range(0, 200).boxed().collect(Collectors.toSet());
        await().atMost(WITHIN)
                .until(() ->
                        jobIds(a, PROJECT).equals(all) && jobIds(b, PROJECT).equals(all));
        assertTrue(a.reachable() && b.reachable(), "no write fell back to a local copy");
        RedisSnapshotStore third = replica();
        assertEquals(all, jobIds(third, PROJECT), "Redis holds all 200 updates");
    }

    @Test
    void anEventForAProjectNeverPolledCreatesNothing() {
        RedisSnapshotStore a = replica();
        RedisSnapshotStore b = replica();

        a.updateIfPresent(PROJECT, addJob(1));

        assertTrue(a.find(PROJECT).isEmpty());
        assertTrue(replica().find(PROJECT).isEmpty(), "nothing in Redis");

        // present once polled, even when this replica has not heard of it yet
        b.update(PROJECT, s -> s.withSuccess(snapshot(PROJECT, T0)));
        a.updateIfPresent(PROJECT, addJob(7));
        await().atMost(WITHIN).until(() -> jobIds(b, PROJECT).equals(Set.of(7L)));
    }

    @Test
    void aRemovedProjectLeavesEveryReplica() {
        RedisSnapshotStore a = replica();
        RedisSnapshotStore b = replica();
        a.update(PROJECT, s -> s.withSuccess(snapshot(PROJECT, T0, 1)));
        await().atMost(WITHIN).until(() -> b.find(PROJECT).isPresent());

        b.remove(PROJECT);

        await().atMost(WITHIN).until(() -> a.find(PROJECT).isEmpty());
        assertTrue(replica().find(PROJECT).isEmpty(), "gone from Redis too");
    }

    @Test
    void withRedisKilledReplicasServeAndWriteAloneThenConverge() {
        RedisSnapshotStore a = replica();
        RedisSnapshotStore b = replica();
        ProjectRef onlyA = ProjectRef.parse("team/only-a");
        ProjectRef onlyB = ProjectRef.parse("team/only-b");
        a.update(PROJECT, s -> s.withSuccess(snapshot(PROJECT, T0, 1)));
        await().atMost(WITHIN).until(() -> b.find(PROJECT).isPresent());

        redis.server().kill();

        // reads answer from the local copy; writes go to it, and nobody sees an exception
        assertEquals(Set.of(1L), jobIds(a, PROJECT));
        a.update(onlyA, s -> s.withSuccess(snapshot(onlyA, T0.plusSeconds(10), 10)));
        b.update(onlyB, s -> s.withSuccess(snapshot(onlyB, T0.plusSeconds(10), 20)));
        // both poll the shared project while Redis is away; b's poll is the later one
        a.update(PROJECT, s -> s.withSuccess(snapshot(PROJECT, T0.plusSeconds(15), 1, 2)));
        b.update(PROJECT, s -> s.withSuccess(snapshot(PROJECT, T0.plusSeconds(20), 1, 2, 3)));
        assertEquals(Set.of(10L), jobIds(a, onlyA));
        assertEquals(Set.of(1L, 2L, 3L), jobIds(b, PROJECT));
        await().atMost(WITHIN).until(() -> !a.reachable() && !b.reachable());
        StoreHealth health = a.health();
        assertFalse(health.shared());
        assertNotNull(health.downSince());
        assertNotNull(health.lastError());
        assertTrue(health.unsharedStates() >= 2, "written here alone: " + health);

        redis.server().restart(); // empty: nothing was saved

        await().atMost(WITHIN).until(() -> a.reachable() && b.reachable());
        await().atMost(WITHIN)
                .until(() -> jobIds(a, onlyB).equals(Set.of(20L))
                        && jobIds(b, onlyA).equals(Set.of(10L))
                        && jobIds(a, PROJECT).equals(Set.of(1L, 2L, 3L))
                        && jobIds(b, PROJECT).equals(Set.of(1L, 2L, 3L)));
        await().atMost(WITHIN)
                .until(() -> a.health().unsharedStates() == 0 && b.health().unsharedStates() == 0);
        RedisSnapshotStore third = replica();
        assertEquals(3, third.all().size(), "every state written back to the restarted Redis");
        assertEquals(Set.of(1L, 2L, 3L), jobIds(third, PROJECT), "the newer poll won");
    }

    @Test
    void aReplicaStartedWhileRedisIsAwayStartsAloneAndJoinsLater() {
        int port = RedisServer.freePort();
        RedisSnapshotStore alone = replica("redis://127.0.0.1:" + port);
        assertFalse(alone.reachable());

        alone.update(PROJECT, s -> s.withSuccess(snapshot(PROJECT, T0, 5)));
        assertEquals(Set.of(5L), jobIds(alone, PROJECT));

        try (RedisServer late = RedisServer.startOn(port)) {
            await().atMost(WITHIN).until(alone::reachable);
            await().atMost(WITHIN).until(() -> alone.health().unsharedStates() == 0);
            assertEquals(Set.of(5L), jobIds(replica("redis://127.0.0.1:" + port), PROJECT));
        }
    }

    @Test
    void aRedisThatNeverAnswersCountsAsUnreachable() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // and never a byte back
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            RedisSnapshotStore store = replica("redis://127.0.0.1:" + silent.getLocalPort());

            assertFalse(store.reachable(), "the start gave up after adapter.redis.timeout");
            ProjectState written = store.update(PROJECT, s -> s.withSuccess(snapshot(PROJECT, T0, 1)));
            assertEquals(written, store.find(PROJECT).orElseThrow());
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
