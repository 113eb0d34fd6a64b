package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.store.RedisCalls.Unreachable;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The archivist's lease ({@code <prefix>lease:~history}): the one replica that holds it writes the history to Redis.
 * Taken or renewed every third of the lease time, on a thread of its own; let go of when the replica stops, so that
 * the next archivist need not wait for it to expire.
 */
final class ArchivistLease implements AutoCloseable {

    /** Logs as the archive: its lines keep the category operators know them by. */
    private static final Logger LOG = Logger.getLogger(RedisHistoryArchive.class);

    /** Takes or renews the lease; 1 when this replica holds it ({@code redis/archivist-hold.lua}). */
    static final LuaScript HOLD = LuaScript.of("archivist-hold");

    /** Lets go of the lease if this replica holds it ({@code redis/archivist-release.lua}). */
    static final LuaScript RELEASE = LuaScript.of("archivist-release");

    private final RedisCalls calls;
    private final String key;
    private final String id;
    private final Duration ttl;
    private final ScheduledExecutorService renewal;
    private volatile boolean held;

    ArchivistLease(RedisCalls calls, String prefix, String id, Duration ttl) {
        this.calls = calls;
        this.key = prefix + "lease:~history";
        this.id = id;
        this.ttl = ttl;
        this.renewal = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "redis-history-archivist");
            thread.setDaemon(true);
            return thread;
        });
        renewal.scheduleWithFixedDelay(this::hold, 0, Math.max(1, ttl.toMillis() / 3), TimeUnit.MILLISECONDS);
    }

    /** Whether this replica holds the lease, and so writes the archive, now. */
    boolean held() {
        return held;
    }

    private void hold() {
        try {
            boolean now =
                    calls.run(HOLD.call(1).arg(key).arg(id).arg(ttl.toMillis())).toInteger() == 1;
            if (now && !held) {
                LOG.debugf("This replica (%s) writes the queues' history to Redis", id);
            }
            held = now;
        } catch (Unreachable e) {
            held = false; // the store logs the outage; the history in memory goes on
        }
    }

    @Override
    public void close() {
        renewal.shutdownNow();
        if (held) { // the next archivist need not wait for the lease to expire
            try {
                calls.run(RELEASE.call(1).arg(key).arg(id));
            } catch (Unreachable e) {
                LOG.debugf("Letting go of the archivist's lease failed (%s)", e.getMessage());
            }
        }
        held = false;
    }
}
