package io.github.gitlabqueueadapter.store;

import static io.github.gitlabqueueadapter.store.RedisSnapshotStoreTest.jobIds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.JobEvent;
import io.github.gitlabqueueadapter.domain.JobEventApplier.Outcome;
import io.github.gitlabqueueadapter.domain.JobState;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectSnapshot;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.support.FiredEvents;
import io.github.gitlabqueueadapter.support.Jobs;
import io.github.gitlabqueueadapter.support.RedisReplicas;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job event on a project of many jobs writes and announces what it changed, not the whole state, and every replica
 * ends up holding what a replica that reads Redis whole holds.
 */
class RedisEventWritesTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final ProjectRef PROJECT = ProjectRef.parse("team/app");
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final int JOBS = 1_300;

    @RegisterExtension
    final RedisReplicas redis = new RedisReplicas();

    private RedisSnapshotStore replica() {
        return TestStores.replica(redis);
    }

    private static SnapshotWriter writer(SnapshotStore store, Instant now) {
        return TestStores.writer(store, now, new FiredEvents<>());
    }

    private static JobEvent event(long id, String status) {
        boolean runs = !status.equals(JobState.PENDING);
        return new JobEvent(Jobs.job(id, status)
                .tags("docker")
                .runner(runs ? 17L : null, runs ? "runner" : null)
                .queued(0.5)
                .createdAt(T0)
                .build());
    }

    private static ProjectSnapshot manyJobs() {
        return RedisSnapshotStoreTest.snapshot(
                PROJECT, T0, LongStream.rangeClosed(1, JOBS).toArray());
    }

    /** What a reader can tell of a state: jobs (in any order), poll times and what events left behind. */
    private static List<Object> content(ProjectState state) {
        Map<Long, JobState> jobs =
                state.lastGood().jobs().stream().collect(Collectors.toMap(JobState::id, Function.identity()));
        return List.of(
                jobs,
                state.lastGood().observedAt(),
                state.lastAttemptAt(),
                String.valueOf(state.events().lastEventAt()),
                new HashSet<>(state.events().finished()),
                new HashSet<>(state.events().moved()),
                state.events().flowing());
    }

    @Test
    void anEventIsAnnouncedAsItsChangeAndEveryReplicaHoldsWhatRedisHolds() throws Exception {
        RedisSnapshotStore a = replica();
        RedisSnapshotStore b = replica();
        a.update(PROJECT, s -> s.withSuccess(manyJobs()));
        await().atMost(WITHIN).until(() -> jobIds(b, PROJECT).size() == JOBS);
        List<String> announced = new CopyOnWriteArrayList<>();
        RedisConnection listener = redis.client()
                .connect()
                .toCompletionStage()
                .toCompletableFuture()
                .get();
        listener.handler(message -> {
            if (message.size() == 3 && "message".equals(message.get(0).toString())) {
                announced.add(message.get(2).toString());
            }
        });
        listener.send(Request.cmd(Command.SUBSCRIBE).arg("test:changes"))
                .toCompletionStage()
                .toCompletableFuture()
                .get();

        assertEquals(Outcome.APPLIED, writer(a, T0.plusSeconds(60)).applyEvent(PROJECT, event(7, "running")));
        assertEquals(Outcome.APPLIED, writer(b, T0.plusSeconds(61)).applyEvent(PROJECT, event(8, "success")));
        assertEquals(Outcome.APPLIED, writer(a, T0.plusSeconds(62)).applyEvent(PROJECT, event(5000, "pending")));

        await().atMost(WITHIN).until(() -> announced.size() == 3);
        for (String announcement : announced) {
            assertTrue(announcement.startsWith("delta "), announcement);
            assertTrue(announcement.length() < 2_000, "the change, not 1,300 jobs: " + announcement.length());
        }
        await().atMost(WITHIN)
                .until(() ->
                        jobIds(a, PROJECT).contains(5000L) && jobIds(b, PROJECT).contains(5000L));
        ProjectState inRedis = replica().find(PROJECT).orElseThrow();
        assertEquals(JOBS, inRedis.lastGood().jobs().size(), "job 8 finished, job 5000 came");
        assertEquals(
                "running",
                inRedis.lastGood().jobs().stream()
                        .filter(j -> j.id() == 7)
                        .findFirst()
                        .orElseThrow()
                        .status());
        assertEquals(content(inRedis), content(a.find(PROJECT).orElseThrow()));
        assertEquals(content(inRedis), content(b.find(PROJECT).orElseThrow()));
        listener.close();
    }

    @Test
    void aStateAnEarlierVersionWroteWholeIsReadAndItsNextEventWritesItAnew() throws Exception {
        ProjectState old =
                ProjectState.unpolled(PROJECT).withSuccess(RedisSnapshotStoreTest.snapshot(PROJECT, T0, 1, 2));
        Response written = redis.client()
                .send(Request.cmd(Command.HSET)
                        .arg("test:project:team/app")
                        .arg("v")
                        .arg("1000")
                        .arg("s")
                        .arg(new StateCodec().encode(old)))
                .toCompletionStage()
                .toCompletableFuture()
                .get();
        assertEquals(2, written.toInteger());
        RedisSnapshotStore a = replica();
        assertEquals(old, a.find(PROJECT).orElseThrow(), "format 1 read at start");

        assertEquals(Outcome.APPLIED, writer(a, T0.plusSeconds(60)).applyEvent(PROJECT, event(7, "pending")));

        assertEquals(java.util.Set.of(1L, 2L, 7L), jobIds(replica(), PROJECT), "written whole in format 2");
    }

    @Test
    void eventsWrittenAtOnceOnOneReplicaAreEachAppliedAndStored() throws Exception {
        RedisSnapshotStore a = replica();
        RedisSnapshotStore b = replica();
        a.update(PROJECT, s -> s.withSuccess(manyJobs()));
        SnapshotWriter writer = writer(a, T0.plusSeconds(60));
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<Outcome>> outcomes = new java.util.ArrayList<>();
        try {
            for (long id = 10_001; id <= 10_200; id++) {
                long job = id;
                outcomes.add(threads.submit(() -> writer.applyEvent(PROJECT, event(job, "pending"))));
            }
            for (java.util.concurrent.Future<Outcome> outcome : outcomes) {
                assertEquals(Outcome.APPLIED, outcome.get());
            }
        } finally {
            threads.shutdownNow();
        }

        assertEquals(JOBS + 200, jobIds(a, PROJECT).size());
        assertEquals(JOBS + 200, jobIds(replica(), PROJECT).size(), "Redis holds all 200");
        await().atMost(WITHIN).until(() -> jobIds(b, PROJECT).size() == JOBS + 200);
        assertEquals(
                content(a.find(PROJECT).orElseThrow()), content(b.find(PROJECT).orElseThrow()));
    }
}
