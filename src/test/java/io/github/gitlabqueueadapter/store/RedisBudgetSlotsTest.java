package io.github.gitlabqueueadapter.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.support.RedisReplicas;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The budget's slots booked by three replicas on one real Redis (Debian's redis-server, started here; skipped without
 * it unless -Dredis.required=true). Slots an hour apart, so the milliseconds the calls take never blur the answer.
 */
class RedisBudgetSlotsTest {

    private static final Duration HOUR = Duration.ofHours(1);
    /** What the calls between two bookings may take at most on a loaded machine; far below the spacing. */
    private static final Duration SLACK = Duration.ofMinutes(1);

    @RegisterExtension
    final RedisReplicas redis = new RedisReplicas();

    private RedisBudgetSlots replica() {
        return new RedisBudgetSlots(redis.client(), "test:", Duration.ofSeconds(1), Duration.ofMillis(100), () -> 3);
    }

    private static void assertAbout(Duration expected, Optional<Duration> wait) {
        assertTrue(wait.isPresent(), "booked in Redis");
        Duration got = wait.get();
        assertTrue(
                got.compareTo(expected) <= 0 && got.compareTo(expected.minus(SLACK)) >= 0,
                "waits about " + expected + ", got " + got);
    }

    @Test
    void threeReplicasBookOneSequenceOfSlots() {
        List<RedisBudgetSlots> replicas = List.of(replica(), replica(), replica());

        for (int slot = 0; slot < 6; slot++) {
            assertAbout(HOUR.multipliedBy(slot), replicas.get(slot % 3).book(HOUR));
        }
    }

    @Test
    void aPauseOneReplicaWasToldHoldsTheOthers() {
        RedisBudgetSlots a = replica();
        RedisBudgetSlots b = replica();

        a.pauseFor(HOUR);
        a.pauseFor(Duration.ofSeconds(5)); // a shorter pause told later does not shorten it

        assertAbout(HOUR, b.book(Duration.ofSeconds(1)));
    }

    @Test
    void withoutRedisNothingIsBookedAndEachReplicaPacesItsShareUntilRedisReturns() {
        RedisBudgetSlots a = replica();

        redis.server().kill();

        assertEquals(Optional.empty(), a.book(HOUR));
        assertEquals(3, a.replicas(), "the replicas last seen share what is left");

        redis.server().restart();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> a.book(Duration.ofMillis(1)).isPresent());
    }
}
