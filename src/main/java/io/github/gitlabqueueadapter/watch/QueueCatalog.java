package io.github.gitlabqueueadapter.watch;

import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.PoolDefinition;
import io.github.gitlabqueueadapter.domain.PoolRunnersRead;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.QueueFilter;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.QueueKind;
import io.github.gitlabqueueadapter.domain.QueueQuery;
import io.github.gitlabqueueadapter.domain.TakingRunners;
import io.github.gitlabqueueadapter.store.SnapshotStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every watched queue with its kind: the watched projects (named ones first, then group members), the pools and the
 * groups. The one place that knows which projects a queue sums and which of its jobs count, so the endpoints, the
 * status page, the metrics and the history all see the same queues.
 */
@ApplicationScoped
public class QueueCatalog {

    private final WatchedProjects watched;
    private final Pools pools;
    private final SnapshotStore store;
    private final GroupDiscovery discovery;
    private final RunnerFacts runners;

    QueueCatalog(
            WatchedProjects watched, Pools pools, SnapshotStore store, GroupDiscovery discovery, RunnerFacts runners) {
        this.watched = watched;
        this.pools = pools;
        this.store = store;
        this.discovery = discovery;
        this.runners = runners;
    }

    /** Every queue: projects, then pools, then groups. */
    public List<QueueKey> all() {
        List<QueueKey> keys = new ArrayList<>();
        for (QueueKind kind : QueueKind.values()) {
            keys.addAll(all(kind));
        }
        return keys;
    }

    /** The queues of one kind: projects named first, then group members; pools by name; groups as configured. */
    public List<QueueKey> all(QueueKind kind) {
        return switch (kind) {
            case PROJECT -> watched.all().stream().map(QueueKey::of).toList();
            case POOL -> pools.all().stream().map(QueueKey::of).toList();
            case GROUP -> watched.groups().stream().map(QueueKey::of).toList();
        };
    }

    /** Whether the queue is a project found only through a group (its group carries its chart and its metrics). */
    public boolean isGroupMember(QueueKey key) {
        return key.kind() == QueueKind.PROJECT
                && project(key).filter(p -> !watched.isNamed(p)).isPresent();
    }

    /** The first watched group that lists the project, for a group member. */
    public Optional<GroupRef> groupOf(QueueKey key) {
        return project(key).flatMap(watched::groupOf);
    }

    /**
     * The jobs of the queue that count: a pool's runners' tags and ids, or for a pool that names only runners what
     * GitLab's runners would be handed as last read (nothing before the first read); for an overflow pool those of its
     * base pool once waited, running on its own runners; everything for projects and groups.
     */
    public QueueFilter filter(QueueKey key) {
        return key.kind() == QueueKind.POOL
                ? pools.find(key.name()).map(this::poolFilter).orElse(QueueFilter.ALL)
                : QueueFilter.ALL;
    }

    /**
     * Whether the queue is a pool of GitLab's runners that were never read (or the overflow of one): it has no number
     * yet.
     */
    public boolean runnersUnread(QueueKey key) {
        return key.kind() == QueueKind.POOL
                && pools.find(key.name())
                        .map(pools::base)
                        .filter(PoolDefinition::modelsRunners)
                        .filter(pool -> runners.of(pool.name()).isEmpty())
                        .isPresent();
    }

    private QueueFilter poolFilter(PoolDefinition pool) {
        PoolDefinition base = pools.base(pool);
        if (!base.modelsRunners()) {
            return pool.filter();
        }
        return pool.filter()
                .taking(runners.of(base.name()).map(PoolRunnersRead::taking).orElse(NO_RUNNERS));
    }

    /** What the queue sums now: the states of its projects, and what could not be resolved to projects yet. */
    public QueueQuery.Members members(QueueKey key) {
        return switch (key.kind()) {
            case PROJECT ->
                new QueueQuery.Members(
                        project(key).map(p -> List.of(state(p))).orElse(List.of()), List.of(), "not watched");
            case POOL ->
                pools.find(key.name()).map(pools::base).map(this::poolMembers).orElseGet(() -> none("no such pool"));
            case GROUP -> group(key).map(this::groupMembers).orElseGet(() -> none("no such group"));
        };
    }

    /** The queues that count this project: its own, and every pool and group that sums it. */
    public List<QueueKey> countedBy(ProjectRef project) {
        List<QueueKey> keys = new ArrayList<>();
        keys.add(QueueKey.of(project));
        List<GroupRef> groups = watched.groupsOf(project);
        pools.all().stream()
                .filter(pool ->
                        watched.watchedSetOf(projectsOf(pools.base(pool))).contains(project)
                                || groupsOf(pools.base(pool)).stream().anyMatch(groups::contains))
                .forEach(pool -> keys.add(QueueKey.of(pool)));
        groups.forEach(group -> keys.add(QueueKey.of(group)));
        return keys;
    }

    private static final TakingRunners NO_RUNNERS = new TakingRunners(List.of(), Map.of());

    /**
     * Whether a pool that filters by tags (or by runners read from GitLab) counts the project: only then must a
     * pending job's tags be read before it counts right (GitLab's job events carry none).
     */
    public boolean countedByTags(ProjectRef project) {
        return countedBy(project).stream()
                .filter(key -> key.kind() == QueueKind.POOL)
                .anyMatch(key -> filter(key).needsTags());
    }

    /** The state of a project, or an unpolled one before its first poll. */
    public ProjectState state(ProjectRef project) {
        return store.find(project).orElse(ProjectState.unpolled(project));
    }

    /** A pool's projects: as configured, or for a pool that names only runners, its runners' (as last read). */
    private List<ProjectRef> projectsOf(PoolDefinition pool) {
        return pool.ownScope()
                ? runners.of(pool.name()).map(PoolRunnersRead::ownProjects).orElse(List.of())
                : pool.projects();
    }

    /** A pool's groups: as configured, or for a pool that names only runners, its group runners' groups. */
    private List<GroupRef> groupsOf(PoolDefinition pool) {
        return pool.ownScope()
                ? runners.of(pool.name()).map(PoolRunnersRead::ownGroups).orElse(List.of())
                : pool.groups();
    }

    private QueueQuery.Members poolMembers(PoolDefinition pool) {
        Set<ProjectRef> projects = new LinkedHashSet<>(watched.watchedOf(projectsOf(pool))); // each project once
        List<String> unlisted = new ArrayList<>();
        for (GroupRef group : groupsOf(pool)) {
            watched.members(group)
                    .ifPresentOrElse(
                            projects::addAll,
                            () -> unlisted.add("group " + group.name() + ": its projects have not been listed yet"));
        }
        return new QueueQuery.Members(
                projects.stream().map(this::state).toList(),
                unlisted,
                pool.ownScope()
                        ? "the pool names no projects or groups, and its runners belong to none the token can see"
                        : "the pool has no project yet");
    }

    private QueueQuery.Members groupMembers(GroupRef group) {
        return watched.members(group)
                .map(projects -> new QueueQuery.Members(
                        projects.stream().map(this::state).toList(),
                        List.of(),
                        "GitLab lists no project in this group (or the token sees none)"))
                .orElseGet(() -> none("the group's projects have not been listed yet"
                        + discovery
                                .listingError(group)
                                .map(error -> "; last error: " + error)
                                .orElse("")));
    }

    private static QueueQuery.Members none(String reason) {
        return new QueueQuery.Members(List.of(), List.of(), reason);
    }

    /** The watched project a project queue names, or empty. */
    public Optional<ProjectRef> project(QueueKey key) {
        try {
            return watched.find(ProjectRef.parse(key.name()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<GroupRef> group(QueueKey key) {
        try {
            return watched.findGroup(GroupRef.parse(key.name()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
