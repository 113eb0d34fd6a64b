package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.store.RedisCalls.Unreachable;
import io.vertx.redis.client.Redis;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.jboss.logging.Logger;

/**
 * The request budget shared through Redis: one "next free slot" for all replicas (a virtual-scheduling rate limiter,
 * GCRA), moved on atomically by a script on Redis's clock, so replicas' clocks need not agree. Three replicas together
 * send no more than one would. While Redis cannot be reached, each replica paces by itself at its share (the budget
 * divided by the replicas last seen) and asks Redis again after {@code adapter.redis.retry-interval}.
 */
@Singleton
@Typed(RedisBudgetSlots.class)
public class RedisBudgetSlots implements BudgetSlots {

    private static final Logger LOG = Logger.getLogger(RedisBudgetSlots.class);

    /** Books the next free slot of the shared budget, after any pause ({@code redis/budget-book.lua}). */
    static final LuaScript BOOK = LuaScript.of("budget-book");

    /** Lengthens the shared pause after a 429, never shortens it ({@code redis/budget-pause.lua}). */
    static final LuaScript PAUSE = LuaScript.of("budget-pause");

    private final RedisCalls calls;
    private final String slotKey;
    private final String pauseKey;
    private final Duration retryInterval;
    private final IntSupplier replicas;
    /** Logged once when the budget stops being shared and once when it is shared again. */
    private final RedisCondition outage = new RedisCondition(LOG);

    private volatile long retryAt;
    private volatile boolean alone;

    @Inject
    RedisBudgetSlots(Instance<Redis> redis, AdapterConfig config, RedisPollLeases leases) {
        this(
                redis.get(),
                config.redis().keyPrefix(),
                config.redis().timeout(),
                config.redis().retryInterval(),
                leases::replicas);
    }

    RedisBudgetSlots(Redis redis, String keyPrefix, Duration timeout, Duration retryInterval, IntSupplier replicas) {
        this.calls = new RedisCalls(redis, timeout);
        this.slotKey = keyPrefix + "budget:next";
        this.pauseKey = keyPrefix + "budget:pause";
        this.retryInterval = retryInterval;
        this.replicas = replicas;
    }

    @Override
    public Optional<Duration> book(Duration spacing) {
        if (alone && System.nanoTime() < retryAt) {
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(calls.run(
                            BOOK.call(2).arg(slotKey).arg(pauseKey).arg(Math.max(1, spacing.toNanos() / 1000)))
                    .toString());
            if (alone) {
                alone = false;
                outage.end(
                        took -> "Redis answers again after " + took + ": the replicas share one request budget again");
            }
            return Optional.of(Duration.ofNanos(micros * 1000));
        } catch (Unreachable e) {
            retryAt = System.nanoTime() + retryInterval.toNanos();
            if (!alone) {
                alone = true;
                outage.start(
                        "Redis unreachable or refusing writes (%s): this replica spends 1/%d of"
                                + " gitlab.requests-per-minute (the replicas last seen, or adapter.redis.replicas"
                                + " before Redis said) on its own until Redis answers again",
                        e.getMessage(), replicas());
            }
            return Optional.empty();
        }
    }

    @Override
    public void pauseFor(Duration wait) {
        long millis = wait.toMillis();
        if (millis <= 0 || (alone && System.nanoTime() < retryAt)) {
            return;
        }
        try {
            calls.run(PAUSE.call(1).arg(pauseKey).arg(millis));
        } catch (Unreachable e) {
            retryAt = System.nanoTime() + retryInterval.toNanos();
            LOG.debugf("The 429 pause could not be shared (%s); this replica pauses alone", e.getMessage());
        }
    }

    @Override
    public int replicas() {
        return Math.max(1, replicas.getAsInt());
    }
}
