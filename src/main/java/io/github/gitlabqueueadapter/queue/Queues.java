package io.github.gitlabqueueadapter.queue;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Answers for the queues now, read from the snapshot store: the one place the endpoints and the metrics ask. */
@ApplicationScoped
public class Queues {

    private final SnapshotStore store;
    private final Clock clock;
    private final QueueQuery query;

    public Queues(SnapshotStore store, Clock clock, AdapterConfig config) {
        this.store = store;
        this.clock = clock;
        this.query = new QueueQuery(config.maxStaleness());
    }

    public QueueQuery.Answer project(ProjectRef project, QueueFilter filter) {
        return query.project(state(project), clock.instant(), filter);
    }

    public QueueQuery.Answer pool(PoolDefinition pool) {
        return query.pool(pool.name(), pool.projects().stream().map(this::state).toList(), clock.instant(), pool.filter());
    }

    private ProjectState state(ProjectRef project) {
        return store.find(project).orElse(ProjectState.unpolled(project));
    }
}
