package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.RedisStoreConfig;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.announcements.StateShared;
import io.github.gitlabqueueadapter.store.LocalCopies.Copy;
import io.github.gitlabqueueadapter.store.RedisCalls.Unreachable;
import io.vertx.redis.client.Redis;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * The store shared by replicas ({@code adapter.store=redis}). Each project's state is one Redis hash of fields and a
 * version ({@link RedisProjectStates}), written by a script that compares the version first ({@link VersionedWrite}):
 * two replicas that apply an event and a poll to one project at once never lose either, the second is applied again
 * on top of the first. A job event writes only the fields it changed. Every write is announced on a channel, an
 * event's with its change; each replica takes what it did not write itself into its local copy ({@link ChangeFeed},
 * {@link LocalCopies}), which every read uses, so a read never waits on Redis. A state Redis lost is written again
 * from this replica's copy at the next write.
 *
 * <p>When Redis cannot be reached (an error or no answer within {@code adapter.redis.timeout}), the replica goes on
 * alone: writes change its local copy only, as with the memory store, and it tries Redis again every
 * {@code adapter.redis.retry-interval} ({@link RedisOutage}). The outage is logged once when it starts and once when
 * it ends. When Redis answers again, the replica subscribes again, reads every state ({@link StateReload}), and writes
 * back each of its own that is newer than Redis's (by the time it was last polled or changed by an event;
 * {@link WriteBack}), so that the replicas converge without waiting for the next poll.
 */
@Singleton
@Typed(RedisSnapshotStore.class)
public class RedisSnapshotStore implements SnapshotStore, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisSnapshotStore.class);

    /** The settings of {@code adapter.redis.*} this store uses. */
    record Settings(String keyPrefix, Duration timeout, Duration stateTtl, Duration retryInterval) {

        static Settings of(RedisStoreConfig config) {
            return new Settings(config.keyPrefix(), config.timeout(), config.stateTtl(), config.retryInterval());
        }
    }

    private final Settings settings;
    private final LocalCopies copies;
    private final RedisProjectStates states;
    private final VersionedWrite writes;
    private final ChangeFeed feed;
    private final RedisOutage outage;

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
        // this store's name in its announcements: random, so that two stores never share it
        String writer = Long.toHexString(new SecureRandom().nextLong());
        RedisCalls calls = new RedisCalls(redis, settings.timeout());
        this.settings = settings;
        this.copies = new LocalCopies(shared);
        this.states = new RedisProjectStates(calls, settings.keyPrefix(), settings.stateTtl(), writer);
        this.writes = new VersionedWrite(states, copies);
        this.feed = new ChangeFeed(calls, states, copies, writer, this::lost);
        this.outage = new RedisOutage(
                settings, new StateReload(feed, states, copies), new WriteBack(writes, copies), feed::drop);
    }

    /**
     * Subscribes and reads every state, within the timeout: a replica that starts while Redis is away starts alone,
     * and joins when it returns.
     */
    @PostConstruct
    public void start() {
        feed.start();
        outage.start();
        copies.startTelling(); // the states read at start are the history's to read back (HistoryRestore), not news
    }

    @PreDestroy
    @Override
    public void close() {
        outage.close();
        feed.close();
    }

    @Override
    public Optional<ProjectState> find(ProjectRef project) {
        Copy copy = copies.get(project);
        return copy == null ? Optional.empty() : Optional.of(copy.state());
    }

    @Override
    public List<ProjectState> all() {
        return copies.states();
    }

    @Override
    public void remove(ProjectRef project) {
        copies.remove(project);
        if (outage.up()) {
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
        return outage.health(copies.unshared());
    }

    /** Whether Redis answered the last call; for tests. */
    boolean reachable() {
        return outage.up();
    }

    /** This replica's copy of a project; for tests. */
    Copy copy(ProjectRef project) {
        return copies.get(project);
    }

    private ProjectState write(ProjectRef project, UnaryOperator<ProjectState> change, boolean onlyIfPresent) {
        if (outage.up()) {
            try {
                return writes.write(project, change, onlyIfPresent);
            } catch (Unreachable e) {
                lost(e.getMessage());
            } catch (VersionedWrite.ContendedException e) {
                LOG.warnf(
                        "Project %s changed %d times in Redis while this replica wrote it; written to this replica's"
                                + " copy, and to Redis within %s",
                        project.name(), VersionedWrite.MAX_ATTEMPTS, RedisCalls.human(settings.retryInterval()));
            }
        }
        return copies.writeAlone(project, change, onlyIfPresent);
    }

    /** Redis failed a call: from now on this replica writes its own copy, until Redis answers again. */
    private void lost(String why) {
        outage.lost(why);
    }
}
