package io.github.gitlabqueueadapter.insight;

import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.JobState;
import io.github.gitlabqueueadapter.domain.PoolDefinition;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.QueueFilter;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.query.QueueQuery;
import io.github.gitlabqueueadapter.query.QueueView;
import io.github.gitlabqueueadapter.query.Queues;
import io.github.gitlabqueueadapter.watch.Pools;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the queues' history: after every poll and every applied job event, one sample for the project's queue and
 * for each pool and group that counts it (for the polls of a round, once at its end), and what their running jobs
 * say of the runners.
 */
@ApplicationScoped
public class InsightRecorder {

    private final Queues queues;
    private final Insight insight;
    private final WatchedProjects watched;
    private final Pools pools;
    private final Clock clock;

    InsightRecorder(Queues queues, Insight insight, WatchedProjects watched, Pools pools, Clock clock) {
        this.queues = queues;
        this.insight = insight;
        this.watched = watched;
        this.pools = pools;
        this.clock = clock;
    }

    /**
     * The project's numbers may have changed: sample it and every queue that counts it. The time is taken before the
     * numbers, so when a poll and a job event sample one pool at once, the older reading carries the older time and
     * the history keeps the newer one.
     */
    public void changed(ProjectRef project) {
        if (watched.find(project).isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        sampleProject(project, now);
        for (PoolDefinition pool : queues.poolsOf(project)) {
            samplePool(pool, now);
        }
        for (GroupRef group : watched.groupsOf(project)) {
            sampleGroup(group, now);
        }
    }

    /** Only the project's own queue: within a round of polls, whose end samples the pools and groups once. */
    public void projectChanged(ProjectRef project) {
        if (watched.find(project).isEmpty()) {
            return;
        }
        sampleProject(project, clock.instant());
    }

    /** A round of polls ended: every pool and group once. */
    public void poolsAndGroupsChanged() {
        Instant now = clock.instant();
        pools.all().forEach(pool -> samplePool(pool, now));
        watched.groups().forEach(group -> sampleGroup(group, now));
    }

    private void sampleProject(ProjectRef project, Instant now) {
        sample(
                QueueKey.project(project.name()),
                now,
                queues.project(project, QueueFilter.ALL),
                queues.running(project));
    }

    private void samplePool(PoolDefinition pool, Instant now) {
        sample(QueueKey.pool(pool.name()), now, queues.pool(pool), queues.running(pool));
    }

    private void sampleGroup(GroupRef group, Instant now) {
        sample(QueueKey.group(group.name()), now, queues.group(group), queues.running(group));
    }

    /** Forgets the memory of queues no longer watched (projects that left their group). */
    public void sweep() {
        Set<QueueKey> keys = new HashSet<>();
        watched.all().forEach(p -> keys.add(QueueKey.project(p.name())));
        pools.all().forEach(p -> keys.add(QueueKey.pool(p.name())));
        watched.groups().forEach(g -> keys.add(QueueKey.group(g.name())));
        insight.retain(keys);
    }

    /**
     * A queue with no number now (503) gets no sample (its chart shows a gap), and none of its runners counts as busy.
     */
    private void sample(QueueKey key, Instant now, QueueQuery.Answer answer, List<JobState> running) {
        Insight.QueueInsight memory = insight.of(key);
        if (!(answer instanceof QueueQuery.Available available)) {
            memory.runners().observe(List.of(), now);
            return;
        }
        QueueView view = available.view();
        memory.history()
                .record(new Sample(
                        now,
                        view.pending(),
                        view.running(),
                        view.oldestPendingSeconds(),
                        view.forecastPending() == null ? view.pending() : view.forecastPending()));
        memory.runners().observe(running, now);
    }
}
