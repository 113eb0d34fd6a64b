package io.github.gitlabqueueadapter.query;

import io.github.gitlabqueueadapter.domain.Answer;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.QueueFilter;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.QueueKind;
import io.github.gitlabqueueadapter.domain.QueueMeasurement;
import io.github.gitlabqueueadapter.insight.QueueMemories;
import io.github.gitlabqueueadapter.watch.QueueMeasurer;
import io.github.gitlabqueueadapter.watch.RunnerFacts;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * Answers for the queues now, read from the snapshot store: the one place the endpoints, the status page and the
 * metrics ask. Every answer carries the queue's forecast and reads (see {@link QueueMemories}).
 */
@ApplicationScoped
public class Queues {

    private final QueueMeasurer measurer;
    private final Clock clock;
    private final QueueMemories insight;
    private final RunnerFacts runners;
    private final PoolCapacities capacities;
    private final PoolRunnerHours runnerHours;
    private final PoolOverflows overflows;

    Queues(
            QueueMeasurer measurer,
            Clock clock,
            QueueMemories insight,
            RunnerFacts runners,
            PoolCapacities capacities,
            PoolRunnerHours runnerHours,
            PoolOverflows overflows) {
        this.measurer = measurer;
        this.clock = clock;
        this.insight = insight;
        this.runners = runners;
        this.capacities = capacities;
        this.runnerHours = runnerHours;
        this.overflows = overflows;
    }

    /**
     * Any watched queue as its endpoint answers without parameters; a pool of GitLab's runners shows them (and how
     * GitLab counted its pending jobs, when it did), a pool with a capacity configuration its desired runners, an
     * overflow pool what it overflows, a pool with a price its runner-hours and cost once some are tallied.
     */
    public Answer<QueueView> answer(QueueKey key) {
        Instant now = clock.instant();
        Answer<QueueView> measured = view(key, measurer.measure(key, now), true);
        if (key.kind() != QueueKind.POOL) {
            return measured;
        }
        Answer<QueueView> desired = measured.map(view -> overflows
                .withOverflow(key.name(), capacities.withDesired(key.name(), view, now), now)
                .withCost(runnerHours.view(key.name())));
        Answer<QueueView> answer = runners.of(key.name())
                .map(read -> desired.map(view -> view.withRunners(PoolRunnersView.of(read))))
                .orElse(desired);
        return measurer.gitlabCount(key)
                .map(count ->
                        answer.map(view -> view.withGitLabCount(GitLabCountView.of(count, measurer.projects(key)))))
                .orElse(answer);
    }

    /** One project's queue counting only the jobs {@code filter} keeps; with a filter, no forecast. */
    public Answer<QueueView> project(ProjectRef project, QueueFilter filter) {
        QueueKey key = QueueKey.of(project);
        if (filter == QueueFilter.ALL) {
            return answer(key);
        }
        return view(key, measurer.measure(project, filter, clock.instant()), false);
    }

    private Answer<QueueView> view(QueueKey key, Answer<QueueMeasurement> answer, boolean forecastable) {
        return answer.map(measurement -> QueueView.of(
                measurement,
                forecastable ? insight.forecast(key, measurement.pending()) : measurement.pending(),
                insight.reads(key),
                forecastable ? insight.waits(key) : null));
    }
}
