package io.github.gitlabqueueadapter.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.WeeklyProfile;
import io.github.gitlabqueueadapter.support.RedisReplicas;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pools' weekly profiles kept in a real Redis (Debian's redis-server, started here; skipped without it unless
 * -Dredis.required=true) by two replicas: the archivist writes, the other reads back.
 */
class RedisProfileArchiveTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Monday 09:00 in Berlin usually sees 7.5 jobs (2 weeks), Sunday 23:00 none (1 week). */
    private static final WeeklyProfile PROFILE =
            WeeklyProfile.of(BERLIN, Map.of(9, new WeeklyProfile.Hour(7.5, 2), 167, new WeeklyProfile.Hour(0, 1)));

    @RegisterExtension
    final RedisReplicas redis = new RedisReplicas();

    /** A replica's history archive (which holds the archivist's lease or not) and its profile archive beside it. */
    private RedisProfileArchive replica(String id) {
        RedisHistoryArchive history = TestStores.historyArchive(redis, id);
        if (id.equals("a")) {
            await().atMost(WITHIN).until(history::writer);
        }
        return new RedisProfileArchive(redis.client(), "test:", Duration.ofSeconds(1), history::writer);
    }

    private long ttlMillis(String key) throws Exception {
        return new RedisCalls(redis.client(), Duration.ofSeconds(5))
                .call(Request.cmd(Command.PTTL).arg(key))
                .toLong();
    }

    @Test
    void theArchivistWritesAProfileAndAnotherReplicaReadsItBack() throws Exception {
        RedisProfileArchive a = replica("a");
        RedisProfileArchive b = replica("b");
        assertEquals(Optional.of(0), b.read("docker", BERLIN).map(WeeklyProfile::hoursSeen), "nothing kept yet");

        a.write("docker", PROFILE);
        b.write("other", PROFILE); // b is not the archivist

        await().atMost(WITHIN)
                .until(() -> b.read("docker", BERLIN).orElseThrow().hoursSeen() == 2);
        assertEquals(PROFILE.hours(), b.read("docker", BERLIN).orElseThrow().hours());
        assertEquals(0, b.read("other", BERLIN).orElseThrow().hoursSeen());
        long ttl = ttlMillis("test:profile:docker");
        assertTrue(
                ttl > Duration.ofDays(7).toMillis() && ttl <= RedisProfileArchive.KEPT.toMillis(),
                "expires 8 days after its last write: " + ttl);
    }

    /** The archivist {@code a}, which has written {@link #PROFILE} for pool docker. */
    private RedisProfileArchive archivistWithProfile() {
        RedisProfileArchive a = replica("a");
        a.write("docker", PROFILE);
        await().atMost(WITHIN)
                .until(() -> a.read("docker", BERLIN).orElseThrow().hoursSeen() == 2);
        return a;
    }

    @Test
    void aProfileOfAnotherZoneIsNotTaken() {
        RedisProfileArchive a = archivistWithProfile();

        assertEquals(0, a.read("docker", ZoneId.of("UTC")).orElseThrow().hoursSeen(), "its hours are other hours");
    }

    @Test
    void aNewerProfileReplacesTheOneBefore() {
        RedisProfileArchive a = archivistWithProfile();

        WeeklyProfile later = PROFILE.observe(Instant.parse("2026-12-14T08:00:00Z"), 12)
                .observe(Instant.parse("2026-12-14T09:00:00Z"), 0);
        a.write("docker", later);

        await().atMost(WITHIN)
                .until(() ->
                        a.read("docker", BERLIN).orElseThrow().hours().get(9).weeks() == 3);
        assertEquals(later.hours(), a.read("docker", BERLIN).orElseThrow().hours());
    }

    @Test
    void withoutRedisNothingIsReadAndNothingWaits() {
        RedisProfileArchive a = replica("a");
        redis.server().kill();

        a.write("docker", PROFILE);

        assertEquals(Optional.empty(), a.read("docker", BERLIN), "not read: worth asking again");
    }
}
