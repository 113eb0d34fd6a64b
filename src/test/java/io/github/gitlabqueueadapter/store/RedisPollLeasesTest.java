package io.github.gitlabqueueadapter.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.store.PollLeases.Turn;
import io.github.gitlabqueueadapter.support.LogCapture;
import io.github.gitlabqueueadapter.support.RedisReplicas;
import io.github.gitlabqueueadapter.support.RedisServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replicas' leases on one real Redis (Debian's redis-server, started here; skipped without it unless
 * -Dredis.required=true): each replica has its own client, as adapters would. A "turn" is what the poller does when a
 * project's poll is due: ask {@link RedisPollLeases#mayPoll}, and poll when it says so.
 */
class RedisPollLeasesTest {

    /** Generous: the bound is for a loaded CI machine, not a claim about speed. */
    private static final Duration WITHIN = Duration.ofSeconds(20);

    private static final Duration TTL = Duration.ofSeconds(2);

    private static final List<ProjectRef> PROJECTS = IntStream.rangeClosed(1, 60)
            .mapToObj(i -> ProjectRef.parse("team/app-" + i))
            .toList();

    @RegisterExtension
    final RedisReplicas redis = new RedisReplicas();

    private RedisPollLeases replica(String id) {
        return redis.closedAfter(new RedisPollLeases(redis.client(), "test:", Duration.ofSeconds(1), TTL, id));
    }

    /** Replicas that all see each other (each heartbeat reached Redis). */
    private static List<RedisPollLeases> seeingEachOther(RedisPollLeases... replicas) {
        await().atMost(WITHIN)
                .until(() -> List.of(replicas).stream().allMatch(r -> {
                    r.mayPoll(ProjectRef.parse("team/probe"), Turn.ON_TIME);
                    return r.replicas() == replicas.length;
                }));
        return List.of(replicas);
    }

    /** One turn of every project on every replica: how many replicas polled each project. */
    private static Map<ProjectRef, Integer> turn(List<RedisPollLeases> replicas, Turn turn) {
        Map<ProjectRef, Integer> polls = new HashMap<>();
        for (ProjectRef project : PROJECTS) {
            for (RedisPollLeases replica : replicas) {
                if (replica.mayPoll(project, turn)) {
                    polls.merge(project, 1, Integer::sum);
                }
            }
        }
        return polls;
    }

    private static void assertEachPolledOnce(Map<ProjectRef, Integer> polls) {
        for (ProjectRef project : PROJECTS) {
            assertEquals(1, polls.getOrDefault(project, 0), project + " polled by one replica");
        }
    }

    @Test
    void threeReplicasPollEachProjectOncePerTurnAndShareTheProjects() {
        List<RedisPollLeases> replicas = seeingEachOther(replica("a"), replica("b"), replica("c"));

        for (int i = 0; i < 3; i++) {
            assertEachPolledOnce(turn(replicas, Turn.ON_TIME));
        }

        for (RedisPollLeases replica : replicas) {
            assertTrue(replica.held() >= 8, replica.id() + " holds " + replica.held() + " of 60 projects");
        }
        int probe = 1; // the project seeingEachOther asked for
        assertEquals(
                PROJECTS.size() + probe,
                replicas.stream().mapToInt(RedisPollLeases::held).sum());
    }

    @Test
    void aReplicaThatStopsHandsItsProjectsOverAtOnce() {
        RedisPollLeases a = replica("a");
        RedisPollLeases b = replica("b");
        seeingEachOther(a, b);
        turn(List.of(a, b), Turn.ON_TIME);
        assertTrue(a.held() > 0);

        a.close();

        for (ProjectRef project : PROJECTS) {
            assertTrue(b.mayPoll(project, Turn.ON_TIME), project + " taken by the replica left");
        }
    }

    @Test
    void aReplicaThatDiesIsReplacedOnceItsLeasesExpire() {
        RedisPollLeases a = replica("a");
        RedisPollLeases b = replica("b");
        seeingEachOther(a, b);
        turn(List.of(a, b), Turn.ON_TIME);
        List<ProjectRef> ofA =
                PROJECTS.stream().filter(p -> !b.mayPoll(p, Turn.ON_TIME)).toList();
        assertFalse(ofA.isEmpty());

        a.halt();

        assertFalse(b.mayPoll(ofA.get(0), Turn.ON_TIME), "the dead replica's lease still holds right after");
        await().atMost(WITHIN).until(() -> ofA.stream().allMatch(p -> b.mayPoll(p, Turn.ON_TIME)));
        assertEquals(1, b.replicas());
    }

    @Test
    void aProjectLongPastItsPollIsTakenByAnyReplicaWhoseTurnComes() {
        RedisPollLeases a = replica("a");
        RedisPollLeases b = replica("b");
        List<RedisPollLeases> both = seeingEachOther(a, b);

        Map<ProjectRef, Integer> polls = turn(List.of(b), Turn.NEVER_POLLED);

        assertEquals(PROJECTS.size(), polls.size(), "b took every free project it was asked for");
        assertEachPolledOnce(turn(both, Turn.ON_TIME)); // then b hands a's share over: one poll each still
        assertEachPolledOnce(turn(both, Turn.ON_TIME));
        assertTrue(a.held() > 0);
    }

    @Test
    void aProjectOverdueIsTakenFromAHolderThatStillRenewsButDoesNotPoll() {
        RedisPollLeases a = replica("a");
        RedisPollLeases b = replica("b");
        List<RedisPollLeases> both = seeingEachOther(a, b);
        turn(both, Turn.ON_TIME);
        List<ProjectRef> ofA =
                PROJECTS.stream().filter(p -> !b.mayPoll(p, Turn.ON_TIME)).toList();
        assertFalse(ofA.isEmpty());

        // a lives and renews, but its polls of these projects hang: their last poll grows two intervals old
        for (ProjectRef project : ofA) {
            assertTrue(b.mayPoll(project, Turn.OVERDUE), project + " taken from the stuck holder");
        }
        for (ProjectRef project : ofA) {
            assertTrue(b.mayPoll(project, Turn.ON_TIME), project + " now b's, until b hands it back");
        }
    }

    @Test
    void beforeRedisHasSaidHowManyRunTheConfiguredReplicasShareTheBudget() {
        try (LogCapture log = LogCapture.of(RedisPollLeases.class)) {
            RedisPollLeases lone = redis.closedAfter(new RedisPollLeases(
                    redis.client("redis://127.0.0.1:" + RedisServer.freePort()),
                    "test:",
                    Duration.ofSeconds(1),
                    TTL,
                    "lone",
                    3));

            assertEquals(3, lone.replicas(), "adapter.redis.replicas, never 0");
            await().atMost(WITHIN).until(lone::alone);
            assertEquals(3, lone.replicas());
            assertEquals(1, log.atLeast(Level.WARNING).size(), log.lines().toString());
            assertTrue(
                    log.atLeast(Level.WARNING).get(0).message().contains("at 1/3 of gitlab.requests-per-minute"),
                    log.lines().toString());
        }
    }

    @Test
    void withoutRedisEveryReplicaPollsEverythingAndSharesAgainWhenRedisReturns() {
        RedisPollLeases a = replica("a");
        RedisPollLeases b = replica("b");
        List<RedisPollLeases> both = seeingEachOther(a, b);
        assertEachPolledOnce(turn(both, Turn.ON_TIME));

        redis.server().kill();

        turn(both, Turn.ON_TIME).values().forEach(polls -> assertEquals(2, polls)); // alone: each replica polls all
        assertTrue(a.alone() && b.alone());

        redis.server().restart();

        await().atMost(WITHIN).until(() -> !a.alone() && !b.alone());
        seeingEachOther(a, b);
        assertEachPolledOnce(turn(both, Turn.ON_TIME));
    }
}
