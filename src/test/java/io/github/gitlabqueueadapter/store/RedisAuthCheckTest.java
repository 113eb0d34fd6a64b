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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "WRONGPASS invalid username-password pair or user is disabled.|true",
                "NOAUTH Authentication required.|true",
                "ERR invalid password|true",
                "ERR AUTH <password> called without any password configured for the default user.|true",
                "Connection refused: /127.0.0.1:6379|false",
                "no answer within 2000 ms|false",
                "OOM command not allowed when used memory > 'maxmemory'.|false",
                "READONLY You can't write against a read only replica.|false"
            })
    void onlyARefusalOfTheCredentialsCounts(String error, boolean refused) {
        assertEquals(refused, RedisAuthCheck.isAuthRefusal(error));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/run/secret|true|redis://redis:6379|adapter.redis.password-file (env ADAPTER_REDIS_PASSWORD_FILE)",
                "|true|redis://redis:6379|quarkus.redis.password (env QUARKUS_REDIS_PASSWORD): Redis refuses",
                "|false|redis://:s3cret@redis:6379|quarkus.redis.hosts (env QUARKUS_REDIS_HOSTS):",
                "|false|redis://redis:6379|quarkus.redis.password (env QUARKUS_REDIS_PASSWORD): is not set"
            })
    void theLineNamesTheSettingThatGaveThePasswordAndNeverThePassword(
            String file, boolean passwordSet, String hosts, String starts) {
        String line = RedisAuthCheck.problem("WRONGPASS invalid", Optional.ofNullable(file), passwordSet, hosts);

        assertTrue(line.startsWith(starts), line);
        assertTrue(line.contains("WRONGPASS invalid"), line);
        assertFalse(line.contains("s3cret"), line);
        assertEquals(1, line.lines().count(), "one line");
    }
}
