package io.github.gitlabqueueadapter.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.support.LogCapture;
import io.github.gitlabqueueadapter.support.RedisReplicas;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replicas configured for more than Redis sees ({@code adapter.redis.replicas}), on a real redis-server: too few for
 * longer than the lease time is said once in the log when it starts and once when it ends, and the leases tell
 * since when (what {@code /q/health/well} shows).
 */
class ReplicaShortfallTest {

    /** Generous: the bound is for a loaded CI machine, not a claim about speed. */
    private static final Duration WITHIN = Duration.ofSeconds(30);

    private static final Duration TTL = Duration.ofSeconds(2);

    @RegisterExtension
    final RedisReplicas redis = new RedisReplicas();

    private RedisPollLeases replica(String prefix, String id, int configured) {
        return replica(prefix, id, configured, TTL);
    }

    private RedisPollLeases replica(String prefix, String id, int configured, Duration ttl) {
        return redis.closedAfter(
                new RedisPollLeases(redis.client(), prefix, Duration.ofSeconds(1), ttl, id, configured));
    }

    private static List<String> at(LogCapture log, Level level) {
        return log.lines().stream()
                .filter(line -> line.level().intValue() == level.intValue())
                .map(LogCapture.Line::message)
                .toList();
    }

    @Test
    void aReplicaConfiguredForThreeThatSeesOnlyItselfSaysSoUntilTheOthersJoin() {
        try (LogCapture log = LogCapture.of(RedisPollLeases.class)) {
            RedisPollLeases a = replica("test:", "a", 3);

            await().atMost(WITHIN).until(() -> a.fewerReplicasSince().isPresent());
            assertEquals(1, a.replicas());
            assertEquals(3, a.expectedReplicas());
            assertEquals(1, at(log, Level.WARNING).size(), log.lines().toString());
            assertTrue(
                    at(log, Level.WARNING).get(0).contains("alone on key prefix test:"),
                    log.lines().toString());

            replica("test:", "b", 3);
            replica("test:", "c", 3);

            await().atMost(WITHIN).until(() -> a.fewerReplicasSince().isEmpty());
            assertEquals(3, a.replicas());
            List<String> ends = at(log, Level.INFO).stream()
                    .filter(line -> line.contains("3 replicas share key prefix test:") && line.contains("is a)"))
                    .toList();
            assertEquals(1, ends.size(), log.lines().toString());
            assertEquals(
                    1,
                    at(log, Level.WARNING).stream()
                            .filter(line -> line.contains("(a) has been alone"))
                            .count(),
                    log.lines().toString());
        }
    }

    @Test
    void twoReplicasOnAnotherKeyPrefixEachSayTheyAreAlone() {
        try (LogCapture log = LogCapture.of(RedisPollLeases.class)) {
            RedisPollLeases a = replica("blue:", "a", 2);
            RedisPollLeases b = replica("green:", "b", 2);

            await().atMost(WITHIN)
                    .until(() -> a.fewerReplicasSince().isPresent()
                            && b.fewerReplicasSince().isPresent());
            List<String> warnings = at(log, Level.WARNING);
            assertEquals(2, warnings.size(), log.lines().toString());
            assertTrue(warnings.stream().anyMatch(w -> w.contains("(a) has been alone on key prefix blue:")));
            assertTrue(warnings.stream().anyMatch(w -> w.contains("(b) has been alone on key prefix green:")));
        }
    }

    @Test
    void asManyReplicasAsConfiguredSayNothing() {
        Duration ttl = Duration.ofSeconds(6); // b's first heartbeat comes well within it, even on a loaded machine
        try (LogCapture log = LogCapture.of(RedisPollLeases.class)) {
            RedisPollLeases a = replica("test:", "a", 2, ttl);
            RedisPollLeases b = replica("test:", "b", 2, ttl);
            await().atMost(WITHIN).until(() -> a.replicas() == 2 && b.replicas() == 2);

            await().pollDelay(ttl.plusSeconds(1)).atMost(WITHIN).until(() -> true); // past the lease time

            assertTrue(
                    a.fewerReplicasSince().isEmpty() && b.fewerReplicasSince().isEmpty());
            assertEquals(List.of(), log.atLeast(Level.INFO), "nothing to say");
        }
    }
}
