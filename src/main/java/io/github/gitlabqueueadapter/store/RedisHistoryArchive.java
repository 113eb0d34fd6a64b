package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.store.RedisCalls.Unreachable;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The history in Redis ({@code adapter.store=redis}). Every replica samples the same shared states, so one writer is
 * enough: the replica holding the archivist's lease ({@code <prefix>lease:~history}, renewed like a project's) writes
 * every queue's samples, one per time slot, to a list per queue ({@code <prefix>history:<kind>:<name>}, trimmed to
 * {@code adapter.history.max-samples}) and its runners to one key ({@code <prefix>runners:<kind>:<name>}); both
 * expire {@code adapter.history.retention} after their last write; likewise the scaling timeline's events
 * ({@code <prefix>events:<kind>:<name>}, at most {@code adapter.scaling.max-events}), and for an hour each started
 * job's wait ({@code <prefix>waits:<kind>:<name>}, at most {@code adapter.scaling.max-waits}). A slot is written
 * once it is over (when the next slot's first sample comes), so a busy pool's burst of samples costs one entry, like
 * in memory. Writes never wait; while Redis is away they are lost, and the history in memory goes on.
 */
@Singleton
@Typed(RedisHistoryArchive.class)
public class RedisHistoryArchive implements HistoryArchive, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisHistoryArchive.class);

    /** Writes a queue's sample of a slot and its runners in one call ({@code redis/history-write.lua}). */
    static final LuaScript WRITE = LuaScript.of("history-write");

    /** Adds to a sorted set by time, keeps the newest, renews it ({@code redis/history-append.lua}). */
    static final LuaScript APPEND = LuaScript.of("history-append");

    /** Appends to a list, trims it, renews it ({@code redis/history-push.lua}). */
    static final LuaScript PUSH = LuaScript.of("history-push");

    /** Waits are kept for the last hour only: the window their p50 and p95 are read over. */
    static final Duration WAITS_KEPT = Duration.ofHours(1);

    private final RedisCalls calls;
    private final String prefix;
    private final Duration ttl;
    private final Duration retention;
    private final int maxSamples;
    private final int maxWaits;
    private final int maxEvents;
    private final long slotMillis;
    /** Per queue, the newest sample of its current slot: written when the next slot starts. Bounded by the queues. */
    private final Map<QueueKey, ArchivedSample> open = new ConcurrentHashMap<>();

    private final ArchivistLease lease;
    /** After a failed read, reads are not tried before this (nanoTime): none waits on a Redis known to be away. */
    private volatile long retryAt;

    @Inject
    RedisHistoryArchive(Instance<Redis> redis, AdapterConfig config, RedisPollLeases leases) {
        this(
                redis.get(),
                config.redis().keyPrefix(),
                config.redis().timeout(),
                config.redis().leaseTtl(),
                config.history().retention(),
                config.history().maxSamples(),
                config.scaling().maxWaits(),
                config.scaling().maxEvents(),
                leases.id());
    }

    RedisHistoryArchive(
            Redis redis,
            String prefix,
            Duration timeout,
            Duration ttl,
            Duration retention,
            int maxSamples,
            int maxWaits,
            int maxEvents,
            String id) {
        this.calls = new RedisCalls(redis, timeout);
        this.prefix = prefix;
        this.ttl = ttl;
        this.retention = retention;
        this.maxSamples = maxSamples;
        this.maxWaits = maxWaits;
        this.maxEvents = maxEvents;
        this.slotMillis = Math.max(1, retention.toMillis() / maxSamples);
        this.lease = new ArchivistLease(calls, prefix, id, ttl);
    }

    /** Whether this replica writes the archive now: the history, and the pools' profiles beside it. */
    boolean writer() {
        return lease.held();
    }

    @Override
    public void sample(QueueKey queue, ArchivedSample sample, Supplier<List<ArchivedRunner>> runners) {
        ArchivedSample before = open.put(queue, sample);
        if (before != null
                && lease.held()
                && before.at().toEpochMilli() / slotMillis != sample.at().toEpochMilli() / slotMillis) {
            send(WRITE.call(2)
                    .arg(key("history:", queue))
                    .arg(key("runners:", queue))
                    .arg(ArchiveEntries.encode(before))
                    .arg(maxSamples)
                    .arg(retention.toMillis())
                    .arg(ArchiveEntries.encode(runners.get())));
        }
    }

    @Override
    public void waited(QueueKey queue, ArchivedWait wait) {
        if (lease.held()) {
            send(PUSH.call(1)
                    .arg(key("waits:", queue))
                    .arg(maxWaits)
                    .arg(WAITS_KEPT.toMillis())
                    .arg(ArchiveEntries.encode(wait)));
        }
    }

    @Override
    public void events(QueueKey queue, List<ArchivedEvent> events) {
        if (lease.held() && !events.isEmpty()) {
            append(key("events:", queue), maxEvents, events);
        }
    }

    private void append(String key, int most, List<ArchivedEvent> entries) {
        LuaScript.Call call = APPEND.call(1).arg(key).arg(most).arg(retention.toMillis());
        entries.forEach(e -> call.arg(e.at().toEpochMilli()).arg(e.line()));
        send(call);
    }

    @Override
    public void retain(Set<QueueKey> watched) {
        open.keySet().retainAll(watched);
    }

    @Override
    public Optional<Archived> read(QueueKey queue) {
        if (System.nanoTime() < retryAt) {
            return Optional.empty();
        }
        try {
            Response samples = calls.call(Request.cmd(Command.LRANGE)
                    .arg(key("history:", queue))
                    .arg(0)
                    .arg(-1));
            Response runners = calls.call(Request.cmd(Command.GET).arg(key("runners:", queue)));
            Response waits = calls.call(
                    Request.cmd(Command.LRANGE).arg(key("waits:", queue)).arg(0).arg(-1));
            Response events = calls.call(Request.cmd(Command.ZRANGE)
                    .arg(key("events:", queue))
                    .arg(0)
                    .arg(-1));
            Instant cutoff = Instant.now().minus(retention);
            List<ArchivedSample> read = new ArrayList<>();
            for (Response entry : samples) {
                ArchivedSample sample = ArchiveEntries.decode(entry.toString());
                if (sample != null && !sample.at().isBefore(cutoff)) {
                    read.add(sample);
                }
            }
            read.sort(java.util.Comparator.comparing(ArchivedSample::at));
            List<ArchivedWait> waited = new ArrayList<>();
            for (Response entry : waits) {
                ArchivedWait wait = ArchiveEntries.decodeWait(entry.toString());
                if (wait != null && !wait.at().isBefore(Instant.now().minus(WAITS_KEPT))) {
                    waited.add(wait);
                }
            }
            waited.sort(java.util.Comparator.comparing(ArchivedWait::at));
            List<String> timeline = new ArrayList<>();
            events.forEach(entry -> timeline.add(entry.toString()));
            return Optional.of(new Archived(
                    read,
                    runners == null ? List.of() : ArchiveEntries.decodeRunners(runners.toString()),
                    waited,
                    timeline));
        } catch (Unreachable e) {
            retryAt = System.nanoTime() + ttl.toNanos() / 3;
            LOG.debugf("The history of %s could not be read from Redis (%s)", queue, e.getMessage());
            return Optional.empty();
        }
    }

    @PreDestroy
    @Override
    public void close() {
        lease.close();
    }

    private String key(String kind, QueueKey queue) {
        return prefix + kind + queue.kind().name().toLowerCase(Locale.ROOT) + ":" + queue.name();
    }

    /** Sent without waiting; a failure (Redis away, the client's queue full) loses this write only. */
    private void send(LuaScript.Call call) {
        calls.send(call).onFailure(e -> LOG.debugf("A history write to Redis failed: %s", e.getMessage()));
    }
}
