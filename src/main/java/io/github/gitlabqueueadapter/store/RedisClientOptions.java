package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.quarkus.redis.client.RedisOptionsCustomizer;
import io.vertx.redis.client.RedisOptions;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the adapter adds to Quarkus's Redis client ({@code quarkus.redis.*}): the password from
 * {@code adapter.redis.password-file} (a mounted secret), and {@code adapter.redis.timeout} as the connect timeout,
 * so that connecting is bounded like every call. Quarkus calls this only when it creates the client, which it does
 * only when {@code quarkus.redis.hosts} is set; creating it does not connect.
 */
@Singleton
class RedisClientOptions implements RedisOptionsCustomizer {

    /** A password file is a few bytes; a larger one is the wrong file. */
    static final long MAX_PASSWORD_FILE_BYTES = 4096;

    private final AdapterConfig config;

    RedisClientOptions(AdapterConfig config) {
        this.config = config;
    }

    @Override
    public void customize(String clientName, RedisOptions options) {
        options.getNetClientOptions()
                .setConnectTimeout((int) config.redis().timeout().toMillis());
        config.redis().passwordFile().ifPresent(file -> options.setPassword(password(Path.of(file))));
    }

    /** The file's content without its final line break; the error names the file, never what it holds. */
    static String password(Path file) {
        try {
            if (Files.size(file) > MAX_PASSWORD_FILE_BYTES) {
                throw new IllegalStateException("adapter.redis.password-file '" + file + "' is larger than "
                        + MAX_PASSWORD_FILE_BYTES + " bytes: not a password");
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "adapter.redis.password-file '" + file + "' cannot be read: "
                            + e.getClass().getSimpleName(),
                    e);
        }
    }
}
