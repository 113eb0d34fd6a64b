package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.store.RedisCalls.Unreachable;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * With {@code adapter.store=redis}, refuses to start when Redis refuses the password: no retry mends a wrong password,
 * so it is a configuration error, named like the others (app's start-up check), with the setting that gave it. A
 * Redis that cannot be reached at start is not: the replica starts alone and joins it later.
 */
@Singleton
class RedisAuthCheck {

    private static final Logger LOG = Logger.getLogger(RedisAuthCheck.class);

    /**
     * Right after the configuration's own check (which runs first, and has made sure that quarkus.redis.hosts is
     * set), before the store, the leases or any trigger starts: nothing has used Redis yet.
     */
    void check(
            @Observes @Priority(Integer.MIN_VALUE + 1) StartupEvent event,
            AdapterConfig config,
            Instance<Redis> redis) {
        if (config.store() != AdapterConfig.Store.REDIS) {
            return;
        }
        Optional<String> refusal = refusal(redis.get(), config.redis().timeout());
        if (refusal.isPresent()) {
            LOG.error("Invalid configuration: "
                    + problem(
                            refusal.get(),
                            config.redis().passwordFile(),
                            setting("quarkus.redis.password").isPresent(),
                            setting("quarkus.redis.hosts").orElse("")));
            throw new RefusedPassword();
        }
    }

    private static Optional<String> setting(String key) {
        return ConfigProvider.getConfig().getOptionalValue(key, String.class);
    }

    /**
     * Redis's answer when it refuses the credentials (NOAUTH, WRONGPASS, ...), to one PING within {@code timeout}.
     * Empty when Redis answers, cannot be reached, or fails otherwise.
     */
    static Optional<String> refusal(Redis redis, Duration timeout) {
        try {
            new RedisCalls(redis, timeout).call(Request.cmd(Command.PING));
            return Optional.empty();
        } catch (Unreachable e) {
            return isAuthRefusal(e.getMessage()) ? Optional.of(e.getMessage()) : Optional.empty();
        }
    }

    /**
     * Whether an error from Redis refuses the credentials: no password given where one is required ({@code NOAUTH}),
     * a wrong one ({@code WRONGPASS}, {@code invalid username-password pair}; {@code invalid password} before Redis
     * 6), or one given to a Redis that has none.
     */
    static boolean isAuthRefusal(String error) {
        if (error == null) {
            return false;
        }
        String text = error.toLowerCase(Locale.ROOT);
        return text.contains("noauth")
                || text.contains("wrongpass")
                || text.contains("invalid username-password pair")
                || text.contains("invalid password")
                || text.contains("without any password configured");
    }

    /**
     * The problem as one line naming the setting that gave the password, or that should have: the password file
     * (which wins), {@code quarkus.redis.password}, or the URL of {@code quarkus.redis.hosts}. It holds Redis's
     * refusal ({@code WRONGPASS ...}, which names no secret), never the password.
     */
    static String problem(String refusal, Optional<String> passwordFile, boolean passwordSet, String hosts) {
        if (passwordFile.isPresent()) {
            return "adapter.redis.password-file (env ADAPTER_REDIS_PASSWORD_FILE): Redis refuses the password in '"
                    + passwordFile.get() + "' (" + refusal + "); put Redis's password in that file";
        }
        if (passwordSet) {
            return "quarkus.redis.password (env QUARKUS_REDIS_PASSWORD): Redis refuses this password (" + refusal
                    + "); set Redis's password";
        }
        if (hasPassword(hosts)) {
            return "quarkus.redis.hosts (env QUARKUS_REDIS_HOSTS): Redis refuses the password in its URL (" + refusal
                    + "); set Redis's password there, or in quarkus.redis.password or adapter.redis.password-file";
        }
        return "quarkus.redis.password (env QUARKUS_REDIS_PASSWORD): is not set, and Redis requires a password ("
                + refusal + "); set it, or adapter.redis.password-file (env ADAPTER_REDIS_PASSWORD_FILE)";
    }

    /** Whether a Redis URL carries credentials ({@code redis://:secret@host:6379}); the first of several. */
    private static boolean hasPassword(String hosts) {
        try {
            return !hosts.isBlank() && URI.create(hosts.split(",")[0].strip()).getUserInfo() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Quarkus prints the message of a {@link ConfigurationException} without a stack trace: the line above says
     * everything, as for the other configuration problems.
     */
    static final class RefusedPassword extends ConfigurationException {
        RefusedPassword() {
            super("The adapter does not start: 1 configuration problem, logged above");
        }
    }
}
