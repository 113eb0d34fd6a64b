package io.github.gitlabqueueadapter.support;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real redis-server for each test (Debian's, started on a free port; the test skips without it unless
 * -Dredis.required=true) and the clients of the replicas a test makes, each its own, as separate adapters would have.
 * What a test opens is closed after it: its replicas first (newest first), then their clients, the server, Vert.x.
 * Used with {@code @RegisterExtension}.
 */
public final class RedisReplicas implements BeforeEachCallback, AfterEachCallback {

    private final List<AutoCloseable> replicas = new CopyOnWriteArrayList<>();
    private final List<Redis> clients = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private RedisServer server;

    @Override
    public void beforeEach(ExtensionContext context) {
        RedisServer.assumeInstalled();
        vertx = Vertx.vertx();
        server = RedisServer.start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (AutoCloseable replica : replicas) {
            replica.close();
        }
        replicas.clear();
        clients.forEach(Redis::close);
        clients.clear();
        if (server != null) {
            server.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    public RedisServer server() {
        return server;
    }

    /** A client of this test's server, closed after the test. */
    public Redis client() {
        return client(server.uri());
    }

    /** A client of any address (a server stopped, a socket that never answers), closed after the test. */
    public Redis client(String uri) {
        Redis client = Redis.createClient(
                vertx,
                new RedisOptions().setConnectionString(uri).setMaxPoolSize(8).setMaxPoolWaiting(1000));
        clients.add(client);
        return client;
    }

    /** A replica's part, closed after the test before the clients. */
    public <T extends AutoCloseable> T closedAfter(T replica) {
        replicas.add(0, replica);
        return replica;
    }
}
