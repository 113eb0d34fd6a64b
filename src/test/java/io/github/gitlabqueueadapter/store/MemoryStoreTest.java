package io.github.gitlabqueueadapter.store;

import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static io.github.gitlabqueueadapter.support.QueueReads.read;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.SilentRedis;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * {@code adapter.store=memory} (the default) never connects to Redis, even with {@code quarkus.redis.hosts} set: the
 * Redis client exists, the store that would use it is never made.
 */
@QuarkusTest
@TestProfile(WatchProfiles.GitLabReads.class)
@WithTestResource(GitLabWireMock.class)
@WithTestResource(SilentRedis.class)
class MemoryStoreTest {

    @InjectWireMock
    GitLabStubs stubs;

    @Inject
    QueuePoller poller;

    @Inject
    SnapshotStore store;

    @Test
    void theMemoryStoreNeverAsksRedis() {
        stubs.jobs("it/empty", pendingJob(1.0));
        poller.poll(ProjectRef.parse("it/empty"));
        read("it/empty").then().statusCode(200).body("pending", equalTo(1));
        given().get("/q/health/ready");
        given().get("/q/health/well")
                .then()
                .body("checks.find { it.name == 'store' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'store' }.data.store", equalTo("memory"));

        assertEquals("memory", store.health().kind());
        assertEquals(0, SilentRedis.CONNECTIONS.get(), "connections to quarkus.redis.hosts");
    }
}
