package io.github.gitlabqueueadapter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.support.RedisServer;
import io.github.gitlabqueueadapter.support.TestConfigs;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code adapter.redis.password-file} reaches Quarkus's Redis client, and its content no message. */
class RedisClientOptionsTest {

    private static final String PASSWORD = "s3cret-redis-password-0123";

    @Test
    void thePasswordFileIsReadWithoutItsLineBreakAndTheTimeoutBoundsConnecting(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
        RedisOptions options = new RedisOptions();

        new RedisClientOptions(TestConfigs.adapter(
                        "adapter.redis.password-file", file.toString(), "adapter.redis.timeout", "750ms"))
                .customize("<default>", options);

        assertEquals(PASSWORD, options.getPassword());
        assertEquals(750, options.getNetClientOptions().getConnectTimeout());
    }

    @Test
    void anUnreadableFileIsNamedButNeverShown(@TempDir Path dir) throws Exception {
        Path big = Files.writeString(dir.resolve("big"), PASSWORD.repeat(200));
        IllegalStateException tooBig =
                assertThrows(IllegalStateException.class, () -> RedisClientOptions.password(big));
        assertFalse(tooBig.getMessage().contains(PASSWORD), tooBig.getMessage());
        IllegalStateException missing =
                assertThrows(IllegalStateException.class, () -> RedisClientOptions.password(dir.resolve("missing")));
        assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
    }

    @Test
    void aRedisWithAPasswordIsJoinedWithTheFilesPasswordAndAWrongOneIsNeverLogged(@TempDir Path dir) throws Exception {
        RedisServer.assumeInstalled();
        Vertx vertx = Vertx.vertx();
        try (RedisServer server = RedisServer.start("--requirepass", PASSWORD)) {
            Path file = Files.writeString(dir.resolve("password"), PASSWORD);
            RedisOptions options = new RedisOptions().setConnectionString(server.uri());
            new RedisClientOptions(TestConfigs.adapter("adapter.redis.password-file", file.toString()))
                    .customize("<default>", options);
            RedisSnapshotStore.Settings settings = new RedisSnapshotStore.Settings(
                    "gqa:", Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofMillis(200));
            try (RedisSnapshotStore store = new RedisSnapshotStore(Redis.createClient(vertx, options), settings)) {
                store.start();
                assertTrue(store.reachable());
                store.update(ProjectRef.parse("a/b"), ProjectState::withEventsArriving);
            }

            RedisOptions wrong =
                    new RedisOptions().setConnectionString(server.uri()).setPassword("wrong-password-42");
            try (RedisSnapshotStore store = new RedisSnapshotStore(Redis.createClient(vertx, wrong), settings)) {
                store.start();
                assertFalse(store.reachable());
                String error = store.health().lastError();
                assertFalse(error.contains("wrong-password-42"), error);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }
}
