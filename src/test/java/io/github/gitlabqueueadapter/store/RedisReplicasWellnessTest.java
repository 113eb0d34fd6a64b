package io.github.gitlabqueueadapter.store;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.InjectRedis;
import io.github.gitlabqueueadapter.support.RedisServer;
import io.github.gitlabqueueadapter.support.RedisTestResource;
import io.github.gitlabqueueadapter.support.Watching;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A replica configured for three ({@code adapter.redis.replicas=3}) that is alone in its Redis: {@code /q/health/well}
 * says so past the lease time, readiness does not (a lone replica still serves).
 */
@QuarkusTest
@TestProfile(RedisReplicasWellnessTest.ConfiguredForThree.class)
@WithTestResource(GitLabWireMock.class)
@WithTestResource(RedisTestResource.class)
class RedisReplicasWellnessTest {

    /** Three replicas expected, and a short lease time, so that the shortfall counts within seconds. */
    public static class ConfiguredForThree implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Watching.projects("it/empty")
                    .set("adapter.redis.replicas", "3")
                    .set("adapter.redis.lease-ttl", "2s")
                    .config();
        }
    }

    @InjectRedis
    RedisServer redis;

    @Test
    void aReplicaAloneWhileConfiguredForThreeSaysSoInWellnessNotInReadiness() {
        RedisServer.assumeInstalled();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/well")
                        .then()
                        .body("checks.find { it.name == 'store' }.status", equalTo("DOWN"))
                        .body("checks.find { it.name == 'store' }.data.redis", equalTo("up"))
                        .body("checks.find { it.name == 'store' }.data.replicas", equalTo(1))
                        .body("checks.find { it.name == 'store' }.data.replicasExpected", equalTo(3))
                        .body("checks.find { it.name == 'store' }.data.fewerReplicasSince", notNullValue()));

        given().get("/q/health/ready").then().body("checks.name", not(hasItem("store")));
    }
}
