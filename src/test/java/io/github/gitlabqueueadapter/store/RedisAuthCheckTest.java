package io.github.gitlabqueueadapter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.support.RedisReplicas;
import io.github.gitlabqueueadapter.support.RedisServer;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A password Redis refuses stops the start with one line naming the setting; a Redis that cannot be reached does not.
 * Against a real redis-server with {@code requirepass} (skipped without one unless -Dredis.required=true).
 */
class RedisAuthCheckTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String SECRET = "right-secret-0123";

    @RegisterExtension
    final RedisReplicas redis = new RedisReplicas();

    private RedisServer guarded;

    @BeforeEach
    void startAGuardedRedis() {
        guarded = RedisServer.start("--requirepass", SECRET);
    }

    @AfterEach
    void stop() {
        guarded.close();
    }

    private Optional<String> refusal(String password) {
        String credentials = password == null ? "" : ":" + password + "@";
        return RedisAuthCheck.refusal(redis.client("redis://" + credentials + "127.0.0.1:" + guarded.port()), TIMEOUT);
    }

    @Test
    void aWrongPasswordIsRefused() {
        Optional<String> refusal = refusal("wrong-password");

        assertTrue(refusal.isPresent(), "refused");
        assertTrue(refusal.get().contains("WRONGPASS"), refusal.get());
        assertFalse(refusal.get().contains("wrong-password"), "the password is never repeated: " + refusal.get());
    }

    @Test
    void noPasswordWhereOneIsRequiredIsRefused() {
        Optional<String> refusal = refusal(null);

        assertTrue(refusal.isPresent(), "refused");
        assertTrue(refusal.get().contains("NOAUTH"), refusal.get());
    }

    @Test
    void theRightPasswordIsNot() {
        assertEquals(Optional.empty(), refusal(SECRET));
    }

    @Test
    void aRedisThatCannotBeReachedIsNoConfigurationError() {
        String nobody = "redis://:wrong@127.0.0.1:" + RedisServer.freePort();

        assertEquals(Optional.empty(), RedisAuthCheck.refusal(redis.client(nobody), TIMEOUT));
    }
}
