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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

    /** KEYS[1] the lease; ARGV: this replica, TTL in ms. Takes or renews it; 1 when this replica holds it. */
    static final String HOLD = """
            local cur = redis.call('GET', KEYS[1])
            if cur == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
            if not cur then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
            return 0
            """;

    /**
     * KEYS[1] the queue's samples, KEYS[2] its runners; ARGV: the sample, max-samples, the retention in ms, the
     * runners. One call, so a slot's sample and its runners are written together; calls may arrive out of order over
     * the client's connections, so samples are sorted by their time when read.
     */
    static final String WRITE = """
            redis.call('RPUSH', KEYS[1], ARGV[1])
            redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            redis.call('SET', KEYS[2], ARGV[4], 'PX', ARGV[3])
            return 1
            """;

    /**
     * KEYS[1] a sorted set; ARGV: most entries kept, TTL in ms, then pairs of time (epoch ms, the score) and entry.
     * Adds, keeps the newest and renews in one call; sorted by time, so calls arriving out of order (over the client's
     * connections) keep the right ones.
     */
    static final String APPEND = """
            for i = 3, #ARGV, 2 do redis.call('ZADD', KEYS[1], ARGV[i], ARGV[i + 1]) end
            redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -tonumber(ARGV[1]) - 1)
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """;

    /**
     * KEYS[1] a list; ARGV: most entries kept, TTL in ms, then the entries. Appends, trims and renews in one call;
     * entries are sorted by their time when read (calls may arrive out of order), and a list costs a sixth of a
     * sorted set's memory per entry.
     */
    static final String PUSH = """
            for i = 3, #ARGV do redis.call('RPUSH', KEYS[1], ARGV[i]) end
            redis.call('LTRIM', KEYS[1], -tonumber(ARGV[1]), -1)
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """;

    /** Waits are kept for the last hour only: the window their p50 and p95 are read over. */
    static final Duration WAITS_KEPT = Duration.ofHours(1);

    private final Redis redis;
    private final RedisCalls calls;
    private final String prefix;
    private final String id;
    private final Duration ttl;
    private final Duration retention;
    private final int maxSamples;
    private final int maxWaits;
    private final int maxEvents;
    private final long slotMillis;
    /** Per queue, the newest sample of its current slot: written when the next slot starts. Bounded by the queues. */
    private final Map<QueueKey, ArchivedSample> open = new ConcurrentHashMap<>();

    private final ScheduledExecutorService renewal;
    private volatile boolean writer;
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
        this.redis = redis;
        this.calls = new RedisCalls(redis, timeout);
        this.prefix = prefix;
        this.id = id;
        this.ttl = ttl;
        this.retention = retention;
        this.maxSamples = maxSamples;
        this.maxWaits = maxWaits;
        this.maxEvents = maxEvents;
        this.slotMillis = Math.max(1, retention.toMillis() / maxSamples);
        this.renewal = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "redis-history-archivist");
            thread.setDaemon(true);
            return thread;
        });
        renewal.scheduleWithFixedDelay(this::hold, 0, Math.max(1, ttl.toMillis() / 3), TimeUnit.MILLISECONDS);
    }

    /** Whether this replica writes the archive now; for tests. */
    boolean writer() {
        return writer;
    }

    private void hold() {
        try {
            boolean now = calls.call(Request.cmd(Command.EVAL)
                                    .arg(HOLD)
                                    .arg(1)
                                    .arg(prefix + "lease:~history")
                                    .arg(id)
                                    .arg(ttl.toMillis()))
                            .toInteger()
                    == 1;
            if (now && !writer) {
                LOG.debugf("This replica (%s) writes the queues' history to Redis", id);
            }
            writer = now;
        } catch (Unreachable e) {
            writer = false; // the store logs the outage; the history in memory goes on
        }
    }

    @Override
    public void sample(QueueKey queue, ArchivedSample sample, Supplier<List<ArchivedRunner>> runners) {
        ArchivedSample before = open.put(queue, sample);
        if (before != null
                && writer
                && before.at().toEpochMilli() / slotMillis != sample.at().toEpochMilli() / slotMillis) {
            send(Request.cmd(Command.EVAL)
                    .arg(WRITE)
                    .arg(2)
                    .arg(key("history:", queue))
                    .arg(key("runners:", queue))
                    .arg(encode(before))
                    .arg(maxSamples)
                    .arg(retention.toMillis())
                    .arg(encode(runners.get())));
        }
    }

    @Override
    public void waited(QueueKey queue, ArchivedWait wait) {
        if (writer) {
            send(Request.cmd(Command.EVAL)
                    .arg(PUSH)
                    .arg(1)
                    .arg(key("waits:", queue))
                    .arg(maxWaits)
                    .arg(WAITS_KEPT.toMillis())
                    .arg(wait.at().toEpochMilli() + "," + (float) wait.seconds()));
        }
    }

    @Override
    public void events(QueueKey queue, List<ArchivedEvent> events) {
        if (writer && !events.isEmpty()) {
            append(key("events:", queue), maxEvents, events);
        }
    }

    private void append(String key, int most, List<ArchivedEvent> entries) {
        Request request =
                Request.cmd(Command.EVAL).arg(APPEND).arg(1).arg(key).arg(most).arg(retention.toMillis());
        entries.forEach(e -> request.arg(e.at().toEpochMilli()).arg(e.line()));
        send(request);
    }

    @Override
    public void retain(Set<QueueKey> watched) {
        open.keySet().retainAll(watched);
    }

    /** One line per runner: id, last seen (epoch ms), description in Base64 (it may hold any character). */
    static String encode(List<ArchivedRunner> runners) {
        StringBuilder value = new StringBuilder();
        for (ArchivedRunner runner : runners) {
            value.append(runner.id())
                    .append(',')
                    .append(runner.lastSeenAt().toEpochMilli())
                    .append(',')
                    .append(
                            runner.description() == null
                                    ? ""
                                    : Base64.getEncoder()
                                            .encodeToString(runner.description().getBytes(StandardCharsets.UTF_8)))
                    .append('\n');
        }
        return value.toString();
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
                ArchivedSample sample = decode(entry.toString());
                if (sample != null && !sample.at().isBefore(cutoff)) {
                    read.add(sample);
                }
            }
            read.sort(java.util.Comparator.comparing(ArchivedSample::at));
            List<ArchivedWait> waited = new ArrayList<>();
            for (Response entry : waits) {
                ArchivedWait wait = decodeWait(entry.toString());
                if (wait != null && !wait.at().isBefore(Instant.now().minus(WAITS_KEPT))) {
                    waited.add(wait);
                }
            }
            waited.sort(java.util.Comparator.comparing(ArchivedWait::at));
            List<String> timeline = new ArrayList<>();
            events.forEach(entry -> timeline.add(entry.toString()));
            return Optional.of(new Archived(
                    read, runners == null ? List.of() : decodeRunners(runners.toString()), waited, timeline));
        } catch (Unreachable e) {
            retryAt = System.nanoTime() + ttl.toNanos() / 3;
            LOG.debugf("The history of %s could not be read from Redis (%s)", queue, e.getMessage());
            return Optional.empty();
        }
    }

    @PreDestroy
    @Override
    public void close() {
        renewal.shutdownNow();
        if (writer) { // the next archivist need not wait for the lease to expire
            try {
                calls.call(Request.cmd(Command.EVAL)
                        .arg("if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end return 1")
                        .arg(1)
                        .arg(prefix + "lease:~history")
                        .arg(id));
            } catch (Unreachable e) {
                LOG.debugf("Letting go of the archivist's lease failed (%s)", e.getMessage());
            }
        }
        writer = false;
    }

    private String key(String kind, QueueKey queue) {
        return prefix + kind + queue.kind().name().toLowerCase(Locale.ROOT) + ":" + queue.name();
    }

    /** Sent without waiting; a failure (Redis away, the client's queue full) loses this write only. */
    private void send(Request request) {
        redis.send(request).onFailure(e -> LOG.debugf("A history write to Redis failed: %s", e.getMessage()));
    }

    static String encode(ArchivedSample sample) {
        return sample.at().toEpochMilli() + "," + sample.pending() + "," + sample.running() + ","
                + (float) sample.oldestPendingSeconds() + "," + sample.forecastPending();
    }

    static ArchivedSample decode(String value) {
        String[] parts = value.split(",");
        if (parts.length != 5) {
            return null;
        }
        try {
            return new ArchivedSample(
                    Instant.ofEpochMilli(Long.parseLong(parts[0])),
                    Integer.parseInt(parts[1]),
                    Integer.parseInt(parts[2]),
                    Double.parseDouble(parts[3]),
                    Integer.parseInt(parts[4]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static ArchivedWait decodeWait(String value) {
        String[] parts = value.split(",");
        if (parts.length != 2) {
            return null;
        }
        try {
            return new ArchivedWait(Instant.ofEpochMilli(Long.parseLong(parts[0])), Double.parseDouble(parts[1]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static List<ArchivedRunner> decodeRunners(String value) {
        List<ArchivedRunner> runners = new ArrayList<>();
        for (String line : value.split("\n")) {
            String[] parts = line.split(",", -1);
            if (parts.length != 3) {
                continue;
            }
            try {
                String description = parts[2].isEmpty()
                        ? null
                        : new String(Base64.getDecoder().decode(parts[2]), StandardCharsets.UTF_8);
                runners.add(new ArchivedRunner(
                        Long.parseLong(parts[0]), description, Instant.ofEpochMilli(Long.parseLong(parts[1]))));
            } catch (IllegalArgumentException e) {
                // not a line this adapter writes
            }
        }
        return runners;
    }
}
