package io.github.gitlabqueueadapter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which answers of Redis refuse the credentials, and the line that names the setting that gave them. */
class RedisAuthRefusalTest {

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
