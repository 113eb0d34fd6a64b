package io.github.gitlabqueueadapter.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectSnapshot;
import io.github.gitlabqueueadapter.support.LogCapture;
import io.github.gitlabqueueadapter.support.RedisReplicas;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real redis-server that refuses every write for a while ({@code maxmemory} reached with {@code noeviction}: OOM
 * error replies) while its reads still answer, then accepts writes again: each part of a replica logs the condition
 * once when it starts and once when it ends, with how long it lasted from its start, however many retries failed.
 */
class RedisRefusesWritesTest {

    /** Generous: the bound is for a loaded CI machine, not a claim about speed. */
    private static final Duration WITHIN = Duration.ofSeconds(30);

    private static final Duration RETRY = Duration.ofMillis(100);
    private static final ProjectRef PROJECT = ProjectRef.parse("team/app");
    private static final Pattern AFTER = Pattern.compile("after (\\d+) ms|after (\\d+\\.\\d) s");

    @RegisterExtension
    final RedisReplicas redis = new RedisReplicas();

    private void maxmemory(String bytes) throws Exception {
        redis.client()
                .send(Request.cmd(Command.CONFIG).arg("SET").arg("maxmemory").arg(bytes))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    /** How many times Redis was asked to subscribe: each time the store tried to join it again. */
    private long subscribes() throws Exception {
        String stats = redis.client()
                .send(Request.cmd(Command.INFO).arg("commandstats"))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .toString();
        Matcher calls = Pattern.compile("cmdstat_subscribe:calls=(\\d+)").matcher(stats);
        return calls.find() ? Long.parseLong(calls.group(1)) : 0;
    }

    private static void poll(RedisSnapshotStore store) {
        store.update(PROJECT, s -> s.withSuccess(new ProjectSnapshot(PROJECT, List.of(), Instant.now(), false, 1)));
    }

    /** The duration an end line tells, in ms (to the tenth of a second above one second). */
    private static long toldMillis(String line) {
        Matcher after = AFTER.matcher(line);
        assertTrue(after.find(), "the end line tells how long: " + line);
        return after.group(1) != null
                ? Long.parseLong(after.group(1))
                : Math.round(Double.parseDouble(after.group(2)) * 1000);
    }

    /** Exactly one WARN and one INFO, the INFO telling a duration between the bounds the test measured. */
    private static void assertOnceEachWay(LogCapture log, long atLeastMillis, long atMostMillis) {
        List<LogCapture.Line> warnings = log.atLeast(Level.WARNING);
        List<LogCapture.Line> infos = log.lines().stream()
                .filter(line -> line.level().intValue() == Level.INFO.intValue())
                .toList();
        assertEquals(1, warnings.size(), "one warning at the start: " + log.lines());
        assertTrue(warnings.get(0).message().contains("OOM"), warnings.get(0).message());
        assertEquals(1, infos.size(), "one line at the end: " + log.lines());
        long told = toldMillis(infos.get(0).message());
        assertTrue(
                told >= atLeastMillis - 100 && told <= atMostMillis + 100,
                "told " + told + " ms, measured between " + atLeastMillis + " and " + atMostMillis + " ms: "
                        + infos.get(0).message());
    }

    @Test
    void theStoreLogsTheRefusalOnceWhenItStartsAndOnceWhenItEndsWithItsWholeDuration() throws Exception {
        RedisSnapshotStore store = redis.closedAfter(new RedisSnapshotStore(
                redis.client(),
                new RedisSnapshotStore.Settings("test:", Duration.ofSeconds(1), Duration.ofHours(1), RETRY)));
        store.start();
        poll(store);
        long subscribedBefore = subscribes();

        try (LogCapture log = LogCapture.of(RedisSnapshotStore.class)) {
            maxmemory("1");
            long beforeFirstFailure = System.nanoTime();
            poll(store);
            long afterFirstFailure = System.nanoTime();
            assertTrue(!store.reachable(), "a refused write takes the store off Redis");
            // the store tries to join Redis again, every retry interval: each join reads, then its write back fails
            await().atMost(WITHIN).until(() -> {
                poll(store);
                return subscribes() >= subscribedBefore + 5;
            });

            maxmemory("0");
            long accepted = System.nanoTime();
            await().atMost(WITHIN).until(() -> store.reachable() && log.lines().size() >= 2);
            long seenBack = System.nanoTime();

            assertOnceEachWay(
                    log,
                    TimeUnit.NANOSECONDS.toMillis(accepted - afterFirstFailure),
                    TimeUnit.NANOSECONDS.toMillis(seenBack - beforeFirstFailure));
        }
    }

    @Test
    void eachReplicasLeasesLogTheRefusalOnceEachWayAndNameAllTheReplicasBack() throws Exception {
        Duration ttl = Duration.ofSeconds(2);
        List<RedisPollLeases> replicas = List.of("a", "b", "c").stream()
                .map(id -> redis.closedAfter(
                        new RedisPollLeases(redis.client(), "test:", Duration.ofSeconds(1), ttl, id, 1)))
                .toList();
        // configured for 1: the 3 of the end lines can only be the replicas Redis counts
        await().atMost(WITHIN)
                .until(() -> replicas.stream().allMatch(r -> {
                    r.mayPoll(PROJECT, PollLeases.Turn.ON_TIME);
                    return r.replicas() == 3;
                }));

        try (LogCapture log = LogCapture.of(RedisPollLeases.class)) {
            long refused = System.nanoTime();
            maxmemory("1");
            await().atMost(WITHIN).until(() -> replicas.stream().allMatch(RedisPollLeases::alone));
            long allAlone = System.nanoTime();
            Thread.sleep(ttl.toMillis() * 2); // refused past the lease time: every heartbeat in Redis is old

            maxmemory("0");
            long accepted = System.nanoTime();
            await().atMost(WITHIN)
                    .until(() -> log.lines().stream()
                                    .filter(line -> line.level().intValue() == Level.INFO.intValue())
                                    .count()
                            >= 3);
            long seenBack = System.nanoTime();

            assertEquals(3, log.atLeast(Level.WARNING).size(), "one warning per replica: " + log.lines());
            List<String> ends = log.lines().stream()
                    .filter(line -> line.level().intValue() == Level.INFO.intValue())
                    .map(LogCapture.Line::message)
                    .toList();
            assertEquals(3, ends.size(), "one end line per replica: " + log.lines());
            for (String end : ends) {
                assertTrue(end.contains("shared between the 3 replicas"), "all three back, not the first few: " + end);
                long told = toldMillis(end);
                long atLeast = TimeUnit.NANOSECONDS.toMillis(accepted - allAlone);
                long atMost = TimeUnit.NANOSECONDS.toMillis(seenBack - refused);
                assertTrue(told >= atLeast - 100 && told <= atMost + 100, "told " + told + " ms: " + end);
            }
        }
    }

    @Test
    void theBudgetLogsTheRefusalOnceWhenItStartsAndOnceWhenItEnds() throws Exception {
        RedisBudgetSlots pace = new RedisBudgetSlots(redis.client(), "test:", Duration.ofSeconds(1), RETRY, () -> 3);

        try (LogCapture log = LogCapture.of(RedisBudgetSlots.class)) {
            maxmemory("1");
            long beforeFirstFailure = System.nanoTime();
            assertTrue(pace.book(Duration.ofMillis(1)).isEmpty(), "nothing booked while Redis refuses writes");
            long afterFirstFailure = System.nanoTime();
            long refusedUntil = System.nanoTime() + RETRY.multipliedBy(10).toNanos();
            while (System.nanoTime() < refusedUntil) { // every booking after a retry interval asks Redis again
                pace.book(Duration.ofMillis(1));
                Thread.sleep(RETRY.toMillis() / 4);
            }

            maxmemory("0");
            long accepted = System.nanoTime();
            await().atMost(WITHIN).until(() -> pace.book(Duration.ofMillis(1)).isPresent());
            long seenBack = System.nanoTime();

            assertOnceEachWay(
                    log,
                    TimeUnit.NANOSECONDS.toMillis(accepted - afterFirstFailure),
                    TimeUnit.NANOSECONDS.toMillis(seenBack - beforeFirstFailure));
        }
    }
}
