package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.announcements.StateShared;
import io.github.gitlabqueueadapter.store.RedisProjectStates.Stored;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * A replica's copy of every project's state, which every read of the Redis store uses, so that a read never waits on
 * Redis; and the rule of which of two copies it keeps. It calls Redis never: the versioned write
 * ({@link VersionedWrite}), the change feed ({@link ChangeFeed}) and the reload ({@link StateReload}) bring it what
 * they read or wrote.
 */
final class LocalCopies {

    /** Logs as the store: its lines keep the category operators know them by. */
    private static final Logger LOG = Logger.getLogger(RedisSnapshotStore.class);

    /**
     * This replica's copy of a project's state.
     *
     * @param version the version in Redis this state is, or builds on (0: none)
     * @param localOnly written here while Redis was unreachable (or was lost by Redis): to be written back
     */
    record Copy(long version, ProjectState state, boolean localOnly) {}

    private final ConcurrentMap<ProjectRef, Copy> copies = new ConcurrentHashMap<>();
    private final Consumer<StateShared> shared;

    /** Set once the store has started: observers told of a state before that would be called while the store is
     * still being made, and would ask for it again; the states read at start are the history's to read back
     * (HistoryRestore), not news. */
    private volatile boolean telling;

    /** @param shared told of each state another replica wrote, once this replica's copy holds it */
    LocalCopies(Consumer<StateShared> shared) {
        this.shared = shared;
    }

    /** From now on, the observers are told of the states other replicas write. */
    void startTelling() {
        telling = true;
    }

    Copy get(ProjectRef project) {
        return copies.get(project);
    }

    List<ProjectState> states() {
        return copies.values().stream().map(Copy::state).toList();
    }

    void remove(ProjectRef project) {
        copies.remove(project);
    }

    /** The copies written here alone, waiting to be written back to Redis. */
    int unshared() {
        return (int) copies.values().stream().filter(Copy::localOnly).count();
    }

    boolean anyUnshared() {
        return copies.values().stream().anyMatch(Copy::localOnly);
    }

    /** Every copy, as it is now. */
    Set<Map.Entry<ProjectRef, Copy>> entries() {
        return copies.entrySet();
    }

    /** A change written to this replica's copy only (Redis is away, or refused it): to be written back later. */
    ProjectState writeAlone(ProjectRef project, UnaryOperator<ProjectState> change, boolean onlyIfPresent) {
        Copy written = copies.compute(project, (key, old) -> {
            if (old == null && onlyIfPresent) {
                return null;
            }
            ProjectState base = old == null ? ProjectState.unpolled(project) : old.state();
            return new Copy(old == null ? 0 : old.version(), change.apply(base), true);
        });
        return written == null ? null : written.state();
    }

    /**
     * Redis holds no state for the project (flushed, restarted without persistence, evicted): this replica's copy, if
     * it has one, is what Redis should hold, and is written again with the change on top. The copy is marked as not
     * in Redis first, so that the loss is logged once however many writes find it, and is written back if this write
     * fails. Null when this replica has no copy either.
     */
    Copy lostByRedis(ProjectRef project) {
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

    /** Every copy of a project Redis does not hold is to be written back: Redis lost it. */
    void lostAllBut(Set<ProjectRef> inRedis) {
        copies.keySet().stream()
                .filter(project -> !inRedis.contains(project))
                .forEach(project -> copies.computeIfPresent(project, (key, old) -> new Copy(0, old.state(), true)));
    }

    /**
     * What a write builds on after Redis refused its version: Redis's state, unless this replica holds one of its own
     * written while Redis was away that is newer.
     */
    ProjectState newer(ProjectRef project, ProjectState shared) {
        Copy local = copies.get(project);
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
    void keep(ProjectRef project, Copy copy) {
        copies.merge(project, copy, (old, fresh) -> {
            if (old.localOnly() && asOf(old.state()).isAfter(asOf(fresh.state()))) {
                return new Copy(fresh.version(), old.state(), true);
            }
            return fresh.version() >= old.version() || old.localOnly() ? fresh : old;
        });
    }

    /**
     * Keeps a state read from Redis and, when this replica's copy is now that state, tells the observers: another
     * replica wrote it (this replica's own writes never come this way: their version is already held).
     */
    void keepShared(ProjectRef project, Stored stored) {
        Copy before = copies.get(project);
        keep(project, new Copy(stored.version(), stored.state(), false));
        Copy now = copies.get(project);
        if (telling && now != before && now != null && now.state() == stored.state()) {
            try {
                shared.accept(new StateShared(project, stored.state()));
            } catch (RuntimeException e) {
                LOG.warnf(e, "Project %s: what follows from a state another replica wrote failed", project.name());
            }
        }
    }
}
