package io.github.gitlabqueueadapter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.support.LogCapture;
import io.github.gitlabqueueadapter.support.RedisReplicas;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Lua scripts of {@code src/main/resources/redis/}, called by their SHA1 on a real Redis (Debian's redis-server,
 * started here; skipped without it unless -Dredis.required=true): a Redis that does not know a script (started after
 * the replica, restarted, or told SCRIPT FLUSH) is given it and the call goes through, nobody the wiser.
 */
class RedisScriptsTest {

    private static final List<LuaScript> ALL = List.of(
            RedisProjectStates.WHOLE,
            RedisProjectStates.DELTA,
            RedisProjectStates.DELETE,
            LeaseScripts.TAKE,
            LeaseScripts.RENEW,
            LeaseScripts.RELEASE,
            ArchivistLease.HOLD,
            ArchivistLease.RELEASE,
            RedisHistoryArchive.WRITE,
            RedisHistoryArchive.APPEND,
            RedisHistoryArchive.PUSH,
            RedisProfileArchive.WRITE,
            RedisBudgetSlots.BOOK,
            RedisBudgetSlots.PAUSE);

    private static final ProjectRef PROJECT = ProjectRef.parse("team/app");
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    @RegisterExtension
    final RedisReplicas redis = new RedisReplicas();

    private RedisCalls calls() {
        return new RedisCalls(redis.client(), Duration.ofSeconds(5));
    }

    private Response redisCall(Request request) throws Exception {
        return calls().call(request);
    }

    private boolean known(LuaScript script) throws Exception {
        return redisCall(Request.cmd(Command.SCRIPT).arg("EXISTS").arg(script.sha()))
                        .get(0)
                        .toInteger()
                == 1;
    }

    @Test
    void eachScriptIsCalledByTheShaRedisGivesIt() throws Exception {
        for (LuaScript script : ALL) {
            assertEquals(script.sha(), redisCall(script.load()).toString(), script.toString());
        }
    }

    @Test
    void aScriptRedisDoesNotKnowIsLoadedAndTheCallSentAgain() throws Exception {
        RedisCalls calls = calls();
        assertTrue(!known(RedisBudgetSlots.PAUSE), "a new Redis knows no script");

        assertEquals(
                1,
                calls.run(RedisBudgetSlots.PAUSE.call(1).arg("pause").arg(60_000))
                        .toInteger());
        assertTrue(known(RedisBudgetSlots.PAUSE), "loaded by the call that found it unknown");

        redisCall(Request.cmd(Command.SCRIPT).arg("FLUSH"));
        assertTrue(!known(RedisBudgetSlots.PAUSE));
        assertEquals(
                1,
                calls.run(RedisBudgetSlots.PAUSE.call(1).arg("other").arg(60_000))
                        .toInteger());
        assertTrue(redisCall(Request.cmd(Command.PTTL).arg("other")).toLong() > 0, "the script ran");

        // a call sent without waiting (the history's writes) is loaded and sent again the same way
        redisCall(Request.cmd(Command.SCRIPT).arg("FLUSH"));
        Response sent = calls.send(RedisBudgetSlots.PAUSE.call(1).arg("third").arg(60_000))
                .toCompletionStage()
                .toCompletableFuture()
                .get();
        assertEquals(1, sent.toInteger());
    }

    @Test
    void aStoreGoesOnSharingAfterScriptFlush() throws Exception {
        RedisSnapshotStore a = TestStores.replica(redis);
        a.update(PROJECT, s -> s.withSuccess(RedisSnapshotStoreTest.snapshot(PROJECT, T0, 1)));

        try (LogCapture log = LogCapture.of(RedisSnapshotStore.class)) {
            redisCall(Request.cmd(Command.SCRIPT).arg("FLUSH"));
            ProjectState written = a.update(
                    PROJECT, s -> s.withSuccess(RedisSnapshotStoreTest.snapshot(PROJECT, T0.plusSeconds(15), 1, 2)));

            assertTrue(a.reachable(), "no outage: " + log.lines());
            assertTrue(known(RedisProjectStates.WHOLE) || known(RedisProjectStates.DELTA), "loaded again");
            assertEquals(List.of(), log.atLeast(Level.WARNING));
            assertEquals(written, TestStores.replica(redis).find(PROJECT).orElseThrow(), "written to Redis");
        }
    }
}
