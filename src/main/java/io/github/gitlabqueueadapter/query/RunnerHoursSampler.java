package io.github.gitlabqueueadapter.query;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.QueueKind;
import io.github.gitlabqueueadapter.domain.RunnerUse;
import io.github.gitlabqueueadapter.domain.announcements.JobEventApplied;
import io.github.gitlabqueueadapter.domain.announcements.PollsStored;
import io.github.gitlabqueueadapter.domain.announcements.ProjectPolled;
import io.github.gitlabqueueadapter.insight.QueueMemories;
import io.github.gitlabqueueadapter.insight.ScalingTimeline;
import io.github.gitlabqueueadapter.watch.QueueCatalog;
import io.github.gitlabqueueadapter.watch.QueueMeasurer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads each pool's runners into its {@link PoolRunnerHours} tally: after every round of polls, a poll of one of its
 * projects and a job event (when its running jobs may have changed), and every 30 seconds (so that a pool whose
 * projects are polled seldom, fed by job events, is read often enough for {@code RunnerHours.MAX_GAP}). Busy runners
 * come from the pool's running jobs as {@link QueueMeasurer} counts them from the store; provisioned runners from the
 * KEDA objects that read the pool (as the scaling timeline last saw them), else the pool's last {@code desired},
 * read without moving what it holds. A pool with no number now (503) is not read: its last reading counts on, up to
 * the gap's bound.
 */
@ApplicationScoped
public class RunnerHoursSampler {

    private final QueueCatalog catalog;
    private final QueueMeasurer measurer;
    private final PoolCapacities capacities;
    private final QueueMemories insight;
    private final PoolRunnerHours tallies;
    private final Clock clock;
    private final Map<String, Integer> capacityPerRunner = new TreeMap<>();

    RunnerHoursSampler(
            QueueCatalog catalog,
            QueueMeasurer measurer,
            PoolCapacities capacities,
            QueueMemories insight,
            PoolRunnerHours tallies,
            AdapterConfig config,
            Clock clock) {
        this.catalog = catalog;
        this.measurer = measurer;
        this.capacities = capacities;
        this.insight = insight;
        this.tallies = tallies;
        this.clock = clock;
        config.pools()
                .forEach((name, pool) ->
                        capacityPerRunner.put(name, pool.capacityPerRunner().orElse(1)));
    }

    void pollsStored(@Observes PollsStored stored) {
        sampleAll();
    }

    /** A scheduled poll's pools are read once for all at {@link PollsStored}. */
    void polled(@Observes ProjectPolled polled) {
        if (!polled.batched()) {
            samplePoolsOf(polled.project());
        }
    }

    void applied(@Observes JobEventApplied applied) {
        samplePoolsOf(applied.project());
    }

    @Scheduled(identity = "runner-hours", every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        sampleAll();
    }

    private void sampleAll() {
        Instant now = clock.instant();
        catalog.all(QueueKind.POOL).forEach(pool -> sample(pool, now));
    }

    private void samplePoolsOf(ProjectRef project) {
        Instant now = clock.instant();
        catalog.countedBy(project).stream()
                .filter(key -> key.kind() == QueueKind.POOL)
                .forEach(pool -> sample(pool, now));
    }

    /** The time is taken before the numbers, as the history's samples do: a reading older than the last is dropped. */
    private void sample(QueueKey pool, Instant now) {
        measurer.measure(pool, now)
                .available()
                .ifPresent(measured -> tallies.record(
                        pool.name(),
                        RunnerUse.of(
                                now,
                                measured.running(),
                                capacityPerRunner.getOrDefault(pool.name(), 1),
                                kedaRunners(pool),
                                capacities.lastDesired(pool.name()).orElse(null))));
    }

    /** Each KEDA object reading the pool: a ScaledJob's active jobs, a ScaledObject's current replicas. */
    private List<Integer> kedaRunners(QueueKey pool) {
        return insight.find(pool)
                .map(memory -> memory.timeline().scalers().stream()
                        .map(RunnerHoursSampler::runners)
                        .toList())
                .orElse(List.of());
    }

    private static Integer runners(ScalingTimeline.Scaler scaler) {
        return scaler.activeJobs() != null ? scaler.activeJobs() : scaler.currentReplicas();
    }
}
