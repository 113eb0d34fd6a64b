package io.github.gitlabqueueadapter.queue;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Answers for the queues now, read from the snapshot store: the one place the endpoints and the metrics ask. */
@ApplicationScoped
public class Queues {

    private final SnapshotStore store;
    private final WatchedProjects watched;
    private final Clock clock;
    private final QueueQuery query;

    public Queues(SnapshotStore store, WatchedProjects watched, Clock clock, AdapterConfig config) {
        this.store = store;
        this.watched = watched;
        this.clock = clock;
        this.query = new QueueQuery(config.maxStaleness());
    }

    public QueueQuery.Answer project(ProjectRef project, QueueFilter filter) {
        return query.project(state(project), clock.instant(), filter);
    }

    /** A pool: its named projects and the current members of its groups, each once. */
    public QueueQuery.Answer pool(PoolDefinition pool) {
        Set<ProjectRef> projects = new LinkedHashSet<>(pool.projects());
        List<String> unlisted = new java.util.ArrayList<>();
        for (GroupRef group : pool.groups()) {
            watched.members(group).ifPresentOrElse(projects::addAll,
                    () -> unlisted.add("group " + group.name() + ": its projects have not been listed yet"));
        }
        return query.pool(pool.name(), projects.stream().map(this::state).toList(), unlisted, clock.instant(),
                pool.filter());
    }

    /** A group: the sum over its projects as last discovered; no number before the first discovery. */
    public QueueQuery.Answer group(GroupRef group) {
        Optional<List<ProjectRef>> members = watched.members(group);
        if (members.isEmpty()) {
            return new QueueQuery.Unavailable(group.name(), "the group's projects have not been listed yet");
        }
        if (members.get().isEmpty()) {
            return new QueueQuery.Unavailable(group.name(), "GitLab lists no project in this group (or the token sees none)");
        }
        return query.pool(group.name(), members.get().stream().map(this::state).toList(), List.of(), clock.instant(),
                QueueFilter.ALL);
    }

    private ProjectState state(ProjectRef project) {
        return store.find(project).orElse(ProjectState.unpolled(project));
    }
}
