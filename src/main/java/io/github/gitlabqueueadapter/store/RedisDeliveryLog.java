package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.store.RedisCalls.Unreachable;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Deliveries remembered in Redis: one key per id ({@code SET NX} with a TTL), so that the first replica to take a
 * delivery applies it and every other drops it. While Redis cannot be reached a delivery is applied (a repeat is then
 * dropped only by the replica that saw it first) and Redis is asked again after {@code adapter.redis.retry-interval}.
 */
@Singleton
@Typed(RedisDeliveryLog.class)
public class RedisDeliveryLog implements DeliveryLog {

    private static final Logger LOG = Logger.getLogger(RedisDeliveryLog.class);

    /** What GitLab sends (a UUID); anything else is not remembered in Redis, so no caller can write odd keys. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final Redis redis;
    private final RedisCalls calls;
    private final String keys;
    private final Duration ttl;
    private final Duration retryInterval;
    private volatile long retryAt;

    @Inject
    RedisDeliveryLog(Instance<Redis> redis, AdapterConfig config) {
        this(
                redis.get(),
                config.redis().keyPrefix(),
                config.redis().timeout(),
                config.redis().deliveryTtl(),
                config.redis().retryInterval());
    }

    RedisDeliveryLog(Redis redis, String keyPrefix, Duration timeout, Duration ttl, Duration retryInterval) {
        this.redis = redis;
        this.calls = new RedisCalls(redis, timeout);
        this.keys = keyPrefix + "delivery:";
        this.ttl = ttl;
        this.retryInterval = retryInterval;
    }

    /** Sends {@code SET NX} at once; the answer is awaited (within the timeout) only when asked for. */
    @Override
    public BooleanSupplier offer(String id) {
        if (id == null || !ID.matcher(id).matches() || System.nanoTime() < retryAt) {
            return () -> true;
        }
        Future<Response> sent = redis.send(remember(id));
        return () -> {
            try {
                return calls.await(sent) != null;
            } catch (Unreachable e) {
                return unknown(id, e);
            }
        };
    }

    private Request remember(String id) {
        return Request.cmd(Command.SET)
                .arg(keys + id)
                .arg("1")
                .arg("NX")
                .arg("PX")
                .arg(ttl.toMillis());
    }

    private boolean unknown(String id, Unreachable e) {
        retryAt = System.nanoTime() + retryInterval.toNanos();
        LOG.debugf("Whether delivery %s was applied by another replica cannot be told (%s)", id, e.getMessage());
        return true;
    }

    @Override
    public boolean firstTime(String id) {
        if (id == null || !ID.matcher(id).matches() || System.nanoTime() < retryAt) {
            return true;
        }
        try {
            return calls.call(remember(id)) != null;
        } catch (Unreachable e) {
            return unknown(id, e);
        }
    }
}
