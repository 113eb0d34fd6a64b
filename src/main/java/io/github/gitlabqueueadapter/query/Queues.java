package io.github.gitlabqueueadapter.query;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.JobState;
import io.github.gitlabqueueadapter.domain.PoolDefinition;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.QueueFilter;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.insight.Insight;
import io.github.gitlabqueueadapter.insight.ReaderLog;
import io.github.gitlabqueueadapter.store.SnapshotStore;
import io.github.gitlabqueueadapter.watch.Pools;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Answers for the queues now, read from the snapshot store: the one place the endpoints, the status page and the
 * metrics ask. Every answer carries the queue's forecast and reads (see {@link Insight}).
 */
@ApplicationScoped
public class Queues {

    private final SnapshotStore store;
    private final WatchedProjects watched;
    private final Pools pools;
    private final Clock clock;
    private final QueueQuery query;
    private final Insight insight;

    public Queues(
            SnapshotStore store,
            WatchedProjects watched,
            Pools pools,
            Clock clock,
            AdapterConfig config,
            Insight insight) {
        this.store = store;
        this.watched = watched;
        this.pools = pools;
        this.clock = clock;
        this.query = new QueueQuery(config.maxStaleness());
        this.insight = insight;
    }

    public QueueQuery.Answer project(ProjectRef project, QueueFilter filter) {
        QueueQuery.Answer answer = query.project(state(project), clock.instant(), filter);
        return withInsight(QueueKey.project(project.name()), answer, filter == QueueFilter.ALL);
    }

    /** A pool: its named projects and the current members of its groups, each once. */
    public QueueQuery.Answer pool(PoolDefinition pool) {
        Members members = members(pool);
        QueueQuery.Answer answer =
                query.pool(pool.name(), members.states(), members.unlisted(), clock.instant(), pool.filter());
        return withInsight(QueueKey.pool(pool.name()), answer, true);
    }

    /** A group: the sum over its projects as last discovered; no number before the first discovery. */
    public QueueQuery.Answer group(GroupRef group) {
        Optional<List<ProjectRef>> members = watched.members(group);
        if (members.isEmpty()) {
            return new QueueQuery.Unavailable(group.name(), "the group's projects have not been listed yet");
        }
        if (members.get().isEmpty()) {
            return new QueueQuery.Unavailable(
                    group.name(), "GitLab lists no project in this group (or the token sees none)");
        }
        QueueQuery.Answer answer = query.pool(
                group.name(),
                members.get().stream().map(this::state).toList(),
                List.of(),
                clock.instant(),
                QueueFilter.ALL);
        return withInsight(QueueKey.group(group.name()), answer, true);
    }

    /** The running jobs of a project, as its last servable snapshot shows them. */
    public List<JobState> running(ProjectRef project) {
        return query.running(List.of(state(project)), clock.instant(), QueueFilter.ALL);
    }

    /** The running jobs a pool counts (on its runners, when it names them). */
    public List<JobState> running(PoolDefinition pool) {
        return query.running(members(pool).states(), clock.instant(), pool.filter());
    }

    public List<JobState> running(GroupRef group) {
        return query.running(
                watched.members(group).orElse(List.of()).stream()
                        .map(this::state)
                        .toList(),
                clock.instant(),
                QueueFilter.ALL);
    }

    /** The pools that count this project's jobs: by name or through one of their groups. */
    public List<PoolDefinition> poolsOf(ProjectRef project) {
        List<GroupRef> groups = watched.groupsOf(project);
        return pools.all().stream()
                .filter(pool -> pool.projects().contains(project)
                        || pool.groups().stream().anyMatch(groups::contains))
                .toList();
    }

    private QueueQuery.Answer withInsight(QueueKey key, QueueQuery.Answer answer, boolean forecastable) {
        if (!(answer instanceof QueueQuery.Available available)) {
            return answer;
        }
        QueueView view = available.view();
        ReaderLog.Summary reads = insight.reads(key);
        int forecast = forecastable ? insight.forecast(key, view.pending()) : view.pending();
        return new QueueQuery.Available(
                answer.name(), view.withInsight(forecast, reads.lastReadAt(), reads.readsPerMinute()));
    }

    private record Members(List<ProjectState> states, List<String> unlisted) {}

    private Members members(PoolDefinition pool) {
        Set<ProjectRef> projects = new LinkedHashSet<>(pool.projects());
        List<String> unlisted = new ArrayList<>();
        for (GroupRef group : pool.groups()) {
            watched.members(group)
                    .ifPresentOrElse(
                            projects::addAll,
                            () -> unlisted.add("group " + group.name() + ": its projects have not been listed yet"));
        }
        return new Members(projects.stream().map(this::state).toList(), unlisted);
    }

    private ProjectState state(ProjectRef project) {
        return store.find(project).orElse(ProjectState.unpolled(project));
    }
}
