package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.store.RedisCalls.Unreachable;
import io.github.gitlabqueueadapter.store.RedisSnapshotStore.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Whether the Redis store shares its states through Redis or goes on alone, and the moves between the two. When Redis
 * cannot be reached (an error or no answer within {@code adapter.redis.timeout}), the replica goes on alone: writes
 * change its local copy only, as with the memory store, and it tries Redis again every
 * {@code adapter.redis.retry-interval}. The outage is logged once when it starts and once when it ends. When Redis
 * answers again, the replica joins it again ({@link StateReload}) and writes back its own states that are newer than
 * Redis's ({@link WriteBack}).
 */
final class RedisOutage implements AutoCloseable {

    /** Logs as the store: its lines keep the category operators know them by. */
    private static final Logger LOG = Logger.getLogger(RedisSnapshotStore.class);

    /** What joining Redis did: states read, and states of this replica written back. */
    private record Joined(int read, int writtenBack) {}

    private final Settings settings;
    private final StateReload reload;
    private final WriteBack writeBack;
    /** Closes the subscription when Redis is lost: it is made again at the next join. */
    private final Runnable dropSubscription;

    private final Object lock = new Object();
    /** Logged once when Redis starts failing and once when this replica shares its states again. */
    private final RedisCondition outage = new RedisCondition(LOG);
    /**
     * How long Redis must take this replica's writes before the outage is told over: a Redis that reads but refuses
     * writes (maxmemory, NOREPLICAS) lets every retry join, and fails the next write.
     */
    private final Duration settled;

    private volatile boolean up;
    private volatile boolean closed;
    private volatile Instant downSince = Instant.now();
    private volatile String lastError = "not connected yet";
    private ScheduledExecutorService recovery;

    RedisOutage(Settings settings, StateReload reload, WriteBack writeBack, Runnable dropSubscription) {
        this.settings = settings;
        this.reload = reload;
        this.writeBack = writeBack;
        this.dropSubscription = dropSubscription;
        this.settled = settings.retryInterval().multipliedBy(3);
    }

    /**
     * Joins Redis, within the timeout: a replica that starts while Redis is away starts alone, and joins when it
     * returns. Then tries again every retry interval.
     */
    void start() {
        recovery = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "redis-store-recovery");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Joined joined = join();
            LOG.infof(
                    "Project states are shared through Redis (keys %s*): %d read at start",
                    settings.keyPrefix(), joined.read());
        } catch (Unreachable e) {
            if (up) {
                lost(e.getMessage());
            } else {
                lastError = e.getMessage();
                outage.start(
                        "Redis unreachable at start (%s): this replica serves and writes its own copy of every"
                                + " project's state, as with adapter.store=memory, and tries Redis again every %s",
                        e.getMessage(), RedisCalls.human(settings.retryInterval()));
                downSince = outage.since();
            }
        }
        long every = settings.retryInterval().toMillis();
        recovery.scheduleWithFixedDelay(this::recoverOrWriteBack, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        if (recovery != null) {
            recovery.shutdownNow();
        }
    }

    /** Whether Redis answered the last call: writes go to it. */
    boolean up() {
        return up;
    }

    StoreHealth health(int unshared) {
        return up
                ? new StoreHealth("redis", true, null, null, unshared)
                : new StoreHealth("redis", false, downSince, lastError, unshared);
    }

    /** Joins, then writes back what this replica has newer. */
    private Joined join() throws Unreachable {
        int read = reload.join();
        synchronized (lock) {
            up = true;
        }
        return new Joined(read, writeBack.run());
    }

    /** Every retry interval: while Redis is away, tries it again; while it is up, writes back what waits. */
    private void recoverOrWriteBack() {
        if (closed) {
            return;
        }
        try {
            if (!up) {
                Joined joined = join();
                outage.endOnceSettled(
                        System.nanoTime(),
                        took -> String.format(
                                "Redis reachable again after %s: %d project states read, %d of this replica's"
                                        + " written back (those newer than Redis's); states are shared again",
                                took, joined.read(), joined.writtenBack()));
            } else if (writeBack.waiting()) {
                writeBack.run();
            }
            if (up) {
                outage.settle(System.nanoTime(), settled);
            }
        } catch (Unreachable e) {
            if (up) {
                lost(e.getMessage());
            } else {
                lastError = e.getMessage();
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Joining Redis again failed; tried again in %s", RedisCalls.human(settings.retryInterval()));
        }
    }

    /** Redis failed a call: from now on this replica writes its own copy, until Redis answers again. */
    void lost(String why) {
        synchronized (lock) {
            lastError = why;
            if (!up || closed) {
                return;
            }
            up = false;
            // a write failing again while the outage is being rejoined continues it: no second warning, same start
            outage.start(
                    "Redis unreachable or refusing writes (%s): this replica serves and writes its own copy of every"
                            + " project's state, as with adapter.store=memory, until Redis answers again (tried"
                            + " every %s)",
                    why, RedisCalls.human(settings.retryInterval()));
            downSince = outage.since();
        }
        dropSubscription.run();
    }
}
