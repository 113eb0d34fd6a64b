package io.github.gitlabqueueadapter.app;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.reflect.Type;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * With the memory store and the Kubernetes side off (the defaults), the optional parts are never made: no Redis
 * client, no Redis store, leases or archive, no Kubernetes client, after a start, a poll, a read and the health
 * checks. They are made at start only when configured (store/StoreChoice, cluster/ClusterReads), so a start pays
 * for neither client, and neither ever tries to connect.
 */
@QuarkusTest
@TestProfile(WatchProfiles.GitLabReads.class)
@WithTestResource(GitLabWireMock.class)
class OptionalPartsUnusedTest {

    @Inject
    QueuePoller poller;

    @Test
    void noRedisAndNoKubernetesClientIsMadeWhenNeitherIsConfigured() {
        poller.pollAll();
        given().get("/queues").then().statusCode(200);
        given().get("/q/health/ready");
        given().get("/q/health/well");

        List<String> made = Stream.of(ApplicationScoped.class, Singleton.class)
                .flatMap(scope ->
                        Arc.container().getActiveContext(scope).getState().getContextualInstances().keySet().stream())
                .filter(OptionalPartsUnusedTest::optional)
                .map(bean -> bean.getBeanClass().getName())
                .toList();
        assertEquals(List.of(), made, "optional parts made although not configured");
    }

    /**
     * The store's beans that hold a Redis client (RedisAuthCheck is not one: its start-up observer returns at once
     * without Redis).
     */
    private static final List<String> REDIS_BEANS = Stream.of(
                    "RedisSnapshotStore",
                    "RedisPollLeases",
                    "RedisBudgetSlots",
                    "RedisDeliveryLog",
                    "RedisHistoryArchive")
            .map(name -> "io.github.gitlabqueueadapter.store." + name)
            .toList();

    /** A Redis or Kubernetes client (Vert.x's, Mutiny's, a data source) or one of the store's Redis beans. */
    private static boolean optional(InjectableBean<?> bean) {
        if (REDIS_BEANS.contains(bean.getBeanClass().getName())) {
            return true;
        }
        for (Type type : bean.getTypes()) {
            String name = type.getTypeName();
            if (name.startsWith("io.vertx.redis.client.Redis")
                    || name.startsWith("io.vertx.mutiny.redis.client.Redis")
                    || name.startsWith("io.quarkus.redis.datasource.")
                    || name.equals(KubernetesClient.class.getName())) {
                return true;
            }
        }
        return false;
    }
}
