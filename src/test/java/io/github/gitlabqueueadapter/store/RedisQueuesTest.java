package io.github.gitlabqueueadapter.store;

import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.github.gitlabqueueadapter.support.GitLabStubs.runningJob;
import static io.github.gitlabqueueadapter.support.QueueReads.read;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectSnapshot;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectRedis;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.JobHooks;
import io.github.gitlabqueueadapter.support.Jobs;
import io.github.gitlabqueueadapter.support.RedisServer;
import io.github.gitlabqueueadapter.support.RedisTestResource;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter with {@code adapter.store=redis} against a real redis-server: the endpoints answer as with memory, what
 * it polls is in Redis for another replica, and a Redis outage changes no answer and no readiness.
 */
@QuarkusTest
@TestProfile(WatchProfiles.GitLabReads.class)
@WithTestResource(GitLabWireMock.class)
@WithTestResource(RedisTestResource.class)
class RedisQueuesTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final ProjectRef PROJECT = ProjectRef.parse("it/readers");

    @InjectWireMock
    GitLabStubs stubs;

    @InjectRedis
    RedisServer redis;

    @Inject
    QueuePoller poller;

    @Inject
    SnapshotStore store;

    private Vertx vertx;
    private RedisSnapshotStore otherReplica;

    @BeforeEach
    void redisIsThere() throws Exception {
        RedisServer.assumeInstalled();
        changesHeard();
    }

    /**
     * Waits until this replica has heard every change announced in Redis so far. The reset before each test deletes
     * the states an earlier test left, and this replica hears its own {@code del} announcement later, from its
     * subscription: heard after this test's first poll, it would take that poll's state away (the queue answers 503,
     * "not polled yet"), as it did on a loaded machine. Announcements are heard in order, so once a state another
     * replica writes now is here, every earlier deletion has been heard.
     */
    private void changesHeard() throws Exception {
        ProjectRef marker = ProjectRef.parse("it/empty"); // watched, and read by no test here
        Vertx markerVertx = Vertx.vertx();
        try (RedisSnapshotStore writer = new RedisSnapshotStore(
                Redis.createClient(markerVertx, new RedisOptions().setConnectionString(redis.uri())),
                new RedisSnapshotStore.Settings(
                        "gqa:", Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofMillis(200)))) {
            writer.start();
            writer.update(marker, s -> s.withSuccess(new ProjectSnapshot(marker, List.of(), Instant.now(), false, 1)));
            await().atMost(WITHIN).until(() -> store.find(marker).isPresent());
        } finally {
            markerVertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    @AfterEach
    void closeOtherReplica() throws Exception {
        if (otherReplica != null) {
            otherReplica.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    /** A second replica's store on the same Redis, with its own client, subscription and copy. */
    private RedisSnapshotStore otherReplica() {
        vertx = Vertx.vertx();
        otherReplica = new RedisSnapshotStore(
                Redis.createClient(vertx, new RedisOptions().setConnectionString(redis.uri())),
                new RedisSnapshotStore.Settings(
                        "gqa:", Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofMillis(200)));
        otherReplica.start();
        return otherReplica;
    }

    @Test
    void theQueuesAnswerAsWithMemoryAndAnotherReplicaReadsThem() {
        assertEquals("redis", store.health().kind());
        stubs.jobs("it/readers", pendingJob(12.5, "docker"), pendingJob(3.0), runningJob(17, "docker"));
        poller.poll(PROJECT);

        read("it/readers")
                .then()
                .statusCode(200)
                .body("pending", equalTo(2))
                .body("running", equalTo(1))
                .body("stale", equalTo(false));
        given().get("/queues").then().statusCode(200);

        RedisSnapshotStore other = otherReplica();
        ProjectState mine = store.find(PROJECT).orElseThrow();
        assertEquals(mine, other.find(PROJECT).orElseThrow(), "read from Redis at the other replica's start");

        // a job event applied here reaches the other replica through Redis
        JobHooks.deliver(JobHooks.event(424242L, "pending", "it/readers", null, "\"docker\""))
                .body("result", equalTo("applied"));
        read("it/readers").then().statusCode(200).body("pending", equalTo(3));
        await().atMost(WITHIN)
                .until(() -> other.find(PROJECT).orElseThrow().lastGood().jobs().size() == 4);
        given().get("/q/health/well")
                .then()
                .body("checks.find { it.name == 'store' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'store' }.data.redis", equalTo("up"));
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("\ngitlab_queue_store_redis_up 1.0"), metrics);
        assertTrue(metrics.contains("\ngitlab_queue_store_replicas 1.0"), "this replica alone in Redis");
    }

    @Test
    void aPollAnotherReplicaMadeIsInThisReplicasHistory() {
        RedisSnapshotStore other = otherReplica();
        ProjectRef project = ProjectRef.parse("it/readers");
        other.update(
                project,
                s -> s.withSuccess(new ProjectSnapshot(
                        project,
                        List.of(Jobs.pending(990099L)
                                .tags("docker")
                                .queued(2.0)
                                .createdAt(Instant.now())
                                .build()),
                        Instant.now(),
                        false,
                        1)));

        await().atMost(WITHIN)
                .untilAsserted(() -> given().urlEncodingEnabled(false)
                        .get("/queues/projects/it%2Freaders/history")
                        .then()
                        .statusCode(200)
                        .body("samples.size()", org.hamcrest.Matchers.greaterThan(0))
                        .body("samples[-1].pending", equalTo(1)));
    }

    /** The delivery log of another replica on the same Redis. */
    private RedisDeliveryLog otherReplicasDeliveries() {
        vertx = Vertx.vertx();
        return new RedisDeliveryLog(
                Redis.createClient(vertx, new RedisOptions().setConnectionString(redis.uri())),
                "gqa:",
                Duration.ofSeconds(1),
                Duration.ofMinutes(10),
                Duration.ofMillis(200));
    }

    @Test
    void aDeliveryAnotherReplicaAppliedIsADuplicateHereAndCountsOnce() {
        stubs.jobs("it/readers", pendingJob(12.5, "docker"));
        poller.poll(PROJECT);
        String uuid = java.util.UUID.randomUUID().toString();
        RedisDeliveryLog otherReplica = otherReplicasDeliveries();
        String event = JobHooks.event(515151L, "pending", "it/readers", null, "\"docker\"");
        JobHooks.deliver(event).body("result", equalTo("applied")); // what the other replica wrote, shared
        assertTrue(otherReplica.firstTime(uuid), "the other replica took this delivery first");

        JobHooks.deliver(event, uuid).body("result", equalTo("duplicate"));

        read("it/readers").then().statusCode(200).body("pending", equalTo(2));
    }

    @Test
    void aDeliveryAnotherReplicaTookButHasNotWrittenYetCountsOnce() {
        stubs.jobs("it/readers", pendingJob(12.5, "docker"));
        poller.poll(PROJECT);
        String uuid = java.util.UUID.randomUUID().toString();
        RedisDeliveryLog otherReplica = otherReplicasDeliveries();
        assertTrue(otherReplica.firstTime(uuid), "the other replica took the delivery, its write still on the way");
        String event = JobHooks.event(515152L, "pending", "it/readers", null, "\"docker\"");

        JobHooks.deliver(event, uuid).body("result", equalTo("applied")); // events only move forward: applied here
        JobHooks.deliver(event).body("result", equalTo("outdated")); // and the other replica's write changes nothing

        read("it/readers").then().statusCode(200).body("pending", equalTo(2));
    }

    @Test
    void aRedisOutageChangesNoAnswerNorReadinessAndIsReportedAsNotWell() {
        stubs.jobs("it/readers", pendingJob(12.5, "docker"));
        poller.poll(PROJECT);
        int ready = given().get("/q/health/ready").statusCode();

        redis.kill();
        try {
            read("it/readers").then().statusCode(200).body("pending", equalTo(1));
            stubs.jobs("it/readers", pendingJob(12.5, "docker"), pendingJob(1.0));
            poller.poll(PROJECT); // written to this replica's copy
            read("it/readers")
                    .then()
                    .statusCode(200)
                    .body("pending", equalTo(2))
                    .body("stale", equalTo(false));
            await().atMost(WITHIN)
                    .untilAsserted(() -> given().get("/q/health/well")
                            .then()
                            .statusCode(503)
                            .body("checks.find { it.name == 'store' }.data.redis", equalTo("down")));
            given().get("/q/health/ready")
                    .then()
                    .statusCode(ready)
                    .body("checks.name", not(hasItem("store")))
                    .body("checks.name", not(hasItem("Redis connection health check")));
        } finally {
            redis.restart();
        }

        await().atMost(WITHIN)
                .untilAsserted(() -> given().get("/q/health/well")
                        .then()
                        .body("checks.find { it.name == 'store' }.status", equalTo("UP")));
        // what was polled during the outage was written back to the restarted (empty) Redis
        RedisSnapshotStore other = otherReplica();
        await().atMost(WITHIN)
                .until(() -> other.find(PROJECT)
                        .map(s -> s.lastGood().jobs().size() == 2)
                        .orElse(false));
    }
}
