package io.github.gitlabqueueadapter.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real redis-server for a Quarkus test, and the adapter pointed at it with {@code adapter.store=redis}. Without
 * redis-server installed the application starts with the memory store; the test then skips (or fails with
 * -Dredis.required=true) through {@link RedisServer#assumeInstalled()}. The server is injected into fields annotated
 * {@link InjectRedis}.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    private RedisServer server;

    @Override
    public Map<String, String> start() {
        if (!RedisServer.installed()) {
            return Map.of();
        }
        server = RedisServer.start();
        return Map.of(
                "adapter.store", "redis",
                "quarkus.redis.hosts", server.uri(),
                "adapter.redis.retry-interval", "200ms",
                "adapter.redis.timeout", "1s");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                server, new TestInjector.AnnotatedAndMatchesType(InjectRedis.class, RedisServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
