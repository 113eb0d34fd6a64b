package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.StateShared;
import io.github.gitlabqueueadapter.store.RedisCalls.Unreachable;
import io.github.gitlabqueueadapter.store.RedisProjectStates.Stored;
import io.github.gitlabqueueadapter.store.RedisProjectStates.Swap;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * The store shared by replicas ({@code adapter.store=redis}). Each project's state is one Redis hash of fields and a
 * version ({@link RedisProjectStates}), written by a script that compares the version first: two replicas that apply
 * an event and a poll to one project at once never lose either, the second is applied again on top of the first. A
 * job event writes only the fields it changed. Every write is announced on a channel, an event's with its change;
 * each replica takes what it did not write itself into its local copy, which every read uses, so a read never waits
 * on Redis. A state Redis lost is written again from this replica's copy at the next write.
 *
 * <p>When Redis cannot be reached (an error or no answer within {@code adapter.redis.timeout}), the replica goes on
 * alone: writes change its local copy only, as with the memory store, and it tries Redis again every
 * {@code adapter.redis.retry-interval}. The outage is logged once when it starts and once when it ends. When Redis
 * answers again, the replica subscribes again, reads every state, and writes back each of its own that is newer than
 * Redis's (by the time it was last polled or changed by an event), so that the replicas converge without waiting for
 * the next poll.
 */
@Singleton
@Typed(RedisSnapshotStore.class)
public class RedisSnapshotStore implements SnapshotStore, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisSnapshotStore.class);

    /** Attempts of one write while other replicas keep changing the project: each lost attempt is one of theirs won. */
    static final int MAX_ATTEMPTS = 100;

    /** Announcements waiting to be fetched; past it they are dropped and every state read again. */
    static final int MAX_WAITING_ANNOUNCEMENTS = 10_000;

    /** Characters of announcements waiting to be fetched (an event's carries its change); past it, as above. */
    static final long MAX_WAITING_CHARS = 8L * 1024 * 1024;

    /** The settings of {@code adapter.redis.*} this store uses. */
    record Settings(String keyPrefix, Duration timeout, Duration stateTtl, Duration retryInterval) {

        static Settings of(AdapterConfig.RedisStore config) {
            return new Settings(config.keyPrefix(), config.timeout(), config.stateTtl(), config.retryInterval());
        }
    }

    /**
     * This replica's copy of a project's state.
     *
     * @param version the version in Redis this state is, or builds on (0: none)
     * @param localOnly written here while Redis was unreachable (or was lost by Redis): to be written back
     */
    record Copy(long version, ProjectState state, boolean localOnly) {}

    /** What joining Redis did: states read, and states of this replica written back. */
    private record Joined(int read, int writtenBack) {}

    private final Redis redis;
    private final Consumer<StateShared> shared;
    /** This store's name in its announcements: random, so that two stores never share it. */
    private final String writer = Long.toHexString(new java.security.SecureRandom().nextLong());

    private final RedisCalls calls;
    private final Settings settings;
    private final RedisProjectStates states;
    private final ConcurrentMap<ProjectRef, Copy> copies = new ConcurrentHashMap<>();
    private final BlockingQueue<String> announcements = new ArrayBlockingQueue<>(MAX_WAITING_ANNOUNCEMENTS);
    private final java.util.concurrent.atomic.AtomicLong waitingChars = new java.util.concurrent.atomic.AtomicLong();
    private final GroupedWrites grouped = new GroupedWrites();

    private final Object outageLock = new Object();
    /** Logged once when Redis starts failing and once when this replica shares its states again. */
    private final RedisCondition outage = new RedisCondition(LOG);
    /**
     * How long Redis must take this replica's writes before the outage is told over: a Redis that reads but refuses
     * writes (maxmemory, NOREPLICAS) lets every retry join, and fails the next write.
     */
    private final Duration settled;

    private volatile boolean up;
    private volatile boolean closed;
    /** Set once {@link #start()} returned: observers told of a state before that would be called while this store is
     * still being made, and would ask for it again. */
    private volatile boolean started;

    private volatile boolean missedAnnouncements;
    private volatile RedisConnection subscription;
    private volatile Instant downSince = Instant.now();
    private volatile String lastError = "not connected yet";
    private ScheduledExecutorService recovery;
    private Thread fetcher;

    /**
     * Looked up, not injected: without {@code quarkus.redis.hosts} Quarkus's client is inactive, and a bean that
     * injected it directly would stop every start, the memory store's too.
     */
    @Inject
    RedisSnapshotStore(Instance<Redis> redis, AdapterConfig config, Event<StateShared> shared) {
        this(redis.get(), Settings.of(config.redis()), shared::fire);
    }

    RedisSnapshotStore(Redis redis, Settings settings) {
        this(redis, settings, state -> {});
    }

    /** @param shared told of each state another replica wrote, once this replica's copy holds it */
    RedisSnapshotStore(Redis redis, Settings settings, Consumer<StateShared> shared) {
        this.redis = redis;
        this.shared = shared;
        this.calls = new RedisCalls(redis, settings.timeout());
        this.settings = settings;
        this.settled = settings.retryInterval().multipliedBy(3);
        this.states = new RedisProjectStates(calls, settings.keyPrefix(), settings.stateTtl(), writer);
    }

    /**
     * Subscribes and reads every state, within the timeout: a replica that starts while Redis is away starts alone,
     * and joins when it returns.
     */
    @PostConstruct
    public void start() {
        fetcher = new Thread(this::drainAnnouncements, "redis-store-fetcher");
        fetcher.setDaemon(true);
        fetcher.start();
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
        started = true; // the states read at start are the history's to read back (HistoryRestore), not news
    }

    @PreDestroy
    @Override
    public void close() {
        closed = true;
        if (recovery != null) {
            recovery.shutdownNow();
        }
        if (fetcher != null) {
            fetcher.interrupt();
        }
        dropSubscription();
    }

    @Override
    public Optional<ProjectState> find(ProjectRef project) {
        Copy copy = copies.get(project);
        return copy == null ? Optional.empty() : Optional.of(copy.state());
    }

    @Override
    public List<ProjectState> all() {
        return copies.values().stream().map(Copy::state).toList();
    }

    @Override
    public void remove(ProjectRef project) {
        copies.remove(project);
        if (up) {
            try {
                states.delete(project);
            } catch (Unreachable e) {
                lost(e.getMessage());
            }
        }
    }

    @Override
    public ProjectState updateIfPresent(ProjectRef project, UnaryOperator<ProjectState> change) {
        return write(project, change, true);
    }

    @Override
    public ProjectState update(ProjectRef project, UnaryOperator<ProjectState> change) {
        return write(project, change, false);
    }

    @Override
    public StoreHealth health() {
        int unshared = (int) copies.values().stream().filter(Copy::localOnly).count();
        return up
                ? new StoreHealth("redis", true, null, null, unshared)
                : new StoreHealth("redis", false, downSince, lastError, unshared);
    }

    /** Whether Redis answered the last call; for tests. */
    boolean reachable() {
        return up;
    }

    /** This replica's copy of a project; for tests. */
    Copy copy(ProjectRef project) {
        return copies.get(project);
    }

    private ProjectState write(ProjectRef project, UnaryOperator<ProjectState> change, boolean onlyIfPresent) {
        if (up) {
            try {
                return grouped.write(project, change, onlyIfPresent, this::writeShared);
            } catch (Unreachable e) {
                lost(e.getMessage());
            } catch (ContendedException e) {
                LOG.warnf(
                        "Project %s changed %d times in Redis while this replica wrote it; written to this replica's"
                                + " copy, and to Redis within %s",
                        project.name(), MAX_ATTEMPTS, RedisCalls.human(settings.retryInterval()));
            }
        }
        Copy written = copies.compute(project, (key, old) -> {
            if (old == null && onlyIfPresent) {
                return null;
            }
            ProjectState base = old == null ? ProjectState.unpolled(project) : old.state();
            return new Copy(old == null ? 0 : old.version(), change.apply(base), true);
        });
        return written == null ? null : written.state();
    }

    /** Too many other writes in a row: the write is kept here and written back later. */
    private static final class ContendedException extends RuntimeException {
        ContendedException() {
            super(null, null, false, false);
        }
    }

    /**
     * Compare-and-set of a batch of changes (see {@link GroupedWrites}), each applied to the state the one before made,
     * starting from the version this replica holds: written if Redis still holds that version, else applied again to
     * the one Redis holds (or, when Redis lost it, to this replica's copy). A change that only changes a state that
     * exists makes nothing when neither Redis nor this replica holds one.
     */
    private void writeShared(ProjectRef project, List<GroupedWrites.Pending> batch) throws Unreachable {
        Copy local = copies.get(project);
        long expected = 0;
        ProjectState base = null; // null: no state
        boolean baseShared = false; // base is what Redis holds at version expected
        if (local != null) {
            expected = local.version();
            base = local.state();
            baseShared = !local.localOnly() && expected != 0;
        } else if (batch.stream().anyMatch(GroupedWrites.Pending::onlyIfPresent)) {
            Stored stored = states.fetch(project);
            if (stored != null) {
                expected = stored.version();
                base = stored.state();
                baseShared = true;
            }
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            ProjectState changed = base;
            for (GroupedWrites.Pending write : batch) {
                changed = write.apply(changed, project);
            }
            if (changed == null || changed == base && baseShared) {
                return; // no state to change, or nothing changed (a repeated event): nothing to write
            }
            Swap swap = states.write(project, expected, baseShared ? base : null, changed);
            if (swap.written()) {
                keep(project, new Copy(swap.version(), changed, false));
                return;
            }
            Copy mine = swap.version() == 0 ? lostByRedis(project) : null;
            expected = mine != null ? 0 : swap.version();
            base = mine != null
                    ? mine.state()
                    : swap.current() == null ? null : newer(copies.get(project), swap.current());
            baseShared = mine == null && base != null && base == swap.current();
        }
        throw new ContendedException();
    }

    /**
     * Redis holds no state for the project (flushed, restarted without persistence, evicted): this replica's copy, if
     * it has one, is what Redis should hold, and is written again with the change on top. The copy is marked as not
     * in Redis first, so that the loss is logged once however many writes find it, and is written back if this write
     * fails. Null when this replica has no copy either.
     */
    private Copy lostByRedis(ProjectRef project) {
        while (true) {
            Copy local = copies.get(project);
            if (local == null || local.version() == 0) {
                return local; // none, or one that was never in Redis (or already known lost)
            }
            Copy again = new Copy(0, local.state(), true);
            if (copies.replace(project, local, again)) {
                LOG.warnf(
                        "Redis had lost the state of project %s; written again from this replica's copy",
                        project.name());
                return again;
            }
        }
    }

    /**
     * What a write builds on after Redis refused its version: Redis's state, unless this replica holds one of its own
     * written while Redis was away that is newer.
     */
    private static ProjectState newer(Copy local, ProjectState shared) {
        if (local != null && local.localOnly() && asOf(local.state()).isAfter(asOf(shared))) {
            return local.state();
        }
        return shared;
    }

    /** When a state was last made: polled (or tried), or changed by a job event. */
    static Instant asOf(ProjectState state) {
        Instant at = Instant.MIN;
        if (state.lastAttemptAt() != null && state.lastAttemptAt().isAfter(at)) {
            at = state.lastAttemptAt();
        }
        if (state.lastGood() != null && state.lastGood().observedAt().isAfter(at)) {
            at = state.lastGood().observedAt();
        }
        Instant event = state.events() == null ? null : state.events().lastEventAt();
        if (event != null && event.isAfter(at)) {
            at = event;
        }
        return at;
    }

    /**
     * Keeps the newer of two copies: by version, so that an announcement fetched late never undoes a newer write;
     * but a state this replica wrote alone stays (to be written back) while it is newer than what Redis holds.
     */
    private void keep(ProjectRef project, Copy copy) {
        copies.merge(project, copy, (old, fresh) -> {
            if (old.localOnly() && asOf(old.state()).isAfter(asOf(fresh.state()))) {
                return new Copy(fresh.version(), old.state(), true);
            }
            return fresh.version() >= old.version() || old.localOnly() ? fresh : old;
        });
    }

    // ---- announcements

    /** On the event loop: only queues the announcement; the fetcher thread reads the state. */
    private void announced(Response message) {
        if (message == null
                || (message.type() != ResponseType.MULTI && message.type() != ResponseType.PUSH)
                || message.size() < 3
                || !"message".equalsIgnoreCase(String.valueOf(message.get(0)))) {
            return;
        }
        String announcement = String.valueOf(message.get(2));
        if (waitingChars.addAndGet(announcement.length()) > MAX_WAITING_CHARS || !announcements.offer(announcement)) {
            waitingChars.addAndGet(-announcement.length());
            missedAnnouncements = true;
        }
    }

    private void drainAnnouncements() {
        while (!closed) {
            try {
                String announcement = announcements.poll(1, TimeUnit.SECONDS);
                if (announcement != null) {
                    waitingChars.addAndGet(-announcement.length());
                }
                if (missedAnnouncements) {
                    missedAnnouncements = false;
                    List<String> dropped = new ArrayList<>();
                    announcements.drainTo(dropped);
                    dropped.forEach(gone -> waitingChars.addAndGet(-gone.length()));
                    if (subscription != null) {
                        LOG.warnf(
                                "More than %d changes (or %d characters) waited to be read from Redis; every state"
                                        + " is read again",
                                MAX_WAITING_ANNOUNCEMENTS, MAX_WAITING_CHARS);
                        states.readAll().forEach(this::keepShared);
                    }
                } else if (announcement != null && subscription != null) {
                    fetchAnnounced(announcement);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Unreachable e) {
                lost(e.getMessage());
            } catch (RuntimeException e) {
                LOG.warnf(e, "A change announced by Redis could not be applied");
            }
        }
    }

    private void fetchAnnounced(String announcement) throws Unreachable {
        if (announcement.startsWith("del ")) {
            copies.remove(ProjectRef.parse(announcement.substring(4)));
            return;
        }
        int newline = announcement.indexOf('\n');
        String[] parts = (newline < 0 ? announcement : announcement.substring(0, newline)).split(" ");
        // set <version> <writer> <project>, or delta <version> <previous version> <writer> <project>
        boolean delta = parts[0].equals("delta") && parts.length == 5 && newline > 0;
        if (!(delta || parts[0].equals("set") && parts.length == 4) || parts[parts.length - 2].equals(writer)) {
            return; // this replica's own write (its copy holds it, or is about to)
        }
        long version = Long.parseLong(parts[1]);
        ProjectRef project = ProjectRef.parse(parts[parts.length - 1]);
        Copy local = copies.get(project);
        if (local != null && local.version() >= version) {
            return; // an older write than the one held
        }
        if (delta && local != null && !local.localOnly() && local.version() == Long.parseLong(parts[2])) {
            keepShared(
                    project,
                    new Stored(version, states.applyAnnounced(local.state(), announcement.substring(newline + 1))));
            return; // the change on top of the version held: nothing to read
        }
        Stored stored = states.fetch(project);
        if (stored != null) {
            keepShared(project, stored);
        }
    }

    /**
     * Keeps a state read from Redis and, when this replica's copy is now that state, tells the observers: another
     * replica wrote it (this replica's own writes never come this way: their version is already held).
     */
    private void keepShared(ProjectRef project, Stored stored) {
        Copy before = copies.get(project);
        keep(project, new Copy(stored.version(), stored.state(), false));
        Copy now = copies.get(project);
        if (started && now != before && now != null && now.state() == stored.state()) {
            try {
                shared.accept(new StateShared(project, stored.state()));
            } catch (RuntimeException e) {
                LOG.warnf(e, "Project %s: what follows from a state another replica wrote failed", project.name());
            }
        }
    }

    // ---- outage and recovery

    /**
     * Subscribes, reads every state and takes what is newer; then writes back what this replica has newer. Subscribing
     * comes first, so that no change made while the states are read is missed.
     */
    private Joined join() throws Unreachable {
        dropSubscription();
        Future<RedisConnection> connecting = redis.connect();
        RedisConnection connection;
        try {
            connection = await(connecting);
        } catch (Unreachable e) {
            connecting.onSuccess(RedisConnection::close); // connected too late: not kept open
            throw e;
        }
        subscription = connection;
        connection.handler(this::announced);
        connection.exceptionHandler(e -> subscriptionLost(connection, RedisCalls.describe(e)));
        connection.endHandler(ignored -> subscriptionLost(connection, "the subscription's connection closed"));
        await(connection.send(Request.cmd(Command.SUBSCRIBE).arg(states.channel())));
        Map<ProjectRef, Stored> inRedis = states.readAll();
        inRedis.forEach(this::keepShared);
        copies.keySet().stream()
                .filter(project -> !inRedis.containsKey(project))
                .forEach(project -> copies.computeIfPresent(
                        project, (key, old) -> new Copy(0, old.state(), true))); // Redis lost it: write it back
        synchronized (outageLock) {
            up = true;
        }
        return new Joined(inRedis.size(), writeBack());
    }

    /** Writes back every state written here while Redis was away, unless Redis has a newer one by then. */
    private int writeBack() throws Unreachable {
        int written = 0;
        for (Map.Entry<ProjectRef, Copy> entry : copies.entrySet()) {
            Copy local = entry.getValue();
            if (!local.localOnly()) {
                continue;
            }
            ProjectState mine = local.state();
            AtomicBoolean chosen = new AtomicBoolean();
            try {
                grouped.write(
                        entry.getKey(),
                        shared -> {
                            chosen.set(shared == mine || asOf(mine).isAfter(asOf(shared)));
                            return chosen.get() ? mine : shared;
                        },
                        false,
                        this::writeShared);
                written += chosen.get() ? 1 : 0;
            } catch (ContendedException e) {
                LOG.debugf("Writing back %s met other writes; tried again later", entry.getKey());
            }
        }
        return written;
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
            } else if (copies.values().stream().anyMatch(Copy::localOnly)) {
                writeBack();
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
    private void lost(String why) {
        synchronized (outageLock) {
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
        dropSubscription();
    }

    private void subscriptionLost(RedisConnection connection, String why) {
        if (connection == subscription && !closed) {
            lost(why);
        }
    }

    private void dropSubscription() {
        RedisConnection connection = subscription;
        subscription = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                LOG.debugf("Closing the subscription failed: %s", e.getMessage());
            }
        }
    }

    private <T> T await(Future<T> future) throws Unreachable {
        return calls.await(future);
    }
}
