package io.github.gitlabqueueadapter.ops;

import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.announcements.JobWaited;
import io.github.gitlabqueueadapter.insight.QueueMemories;
import io.github.gitlabqueueadapter.insight.TimelineEvent;
import io.github.gitlabqueueadapter.watch.QueueCatalog;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long each queue's jobs waited for a runner, as a histogram with buckets that fit CI (a second to an hour), and
 * the scaling timeline's counts: runners that joined and left, rises of demand, jobs seen only finished. Only the
 * queues that have gauges ({@link ProjectSeries}: pools, groups, some named projects) have these; labels are {@code
 * kind} and {@code queue} only.
 */
@ApplicationScoped
public class ScalingMetrics {

    /** Upper bounds of the wait histogram's buckets, in seconds. */
    static final double[] WAIT_BUCKETS = {1, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600};

    private final MeterRegistry registry;
    private final MetersRemovedAtStop own;
    private final QueueCatalog catalog;
    private final QueueMemories insight;
    private final ProjectSeries series;
    private final Map<QueueKey, DistributionSummary> waits = new ConcurrentHashMap<>();

    ScalingMetrics(MeterRegistry registry, QueueCatalog catalog, QueueMemories insight, ProjectSeries series) {
        this.registry = registry;
        this.own = new MetersRemovedAtStop(registry);
        this.catalog = catalog;
        this.insight = insight;
        this.series = series;
    }

    void register(@Observes StartupEvent event) {
        for (QueueKey key : catalog.all()) {
            if (!series.hasQueueSeries(key)) {
                continue;
            }
            Tags tags = Tags.of("kind", key.kind().label(), "queue", key.name());
            waits.put(
                    key,
                    own.keep(DistributionSummary.builder("gitlab.queue.wait")
                            .baseUnit("seconds")
                            .description("How long the queue's jobs waited for a runner (GitLab's queued_duration)")
                            .serviceLevelObjectives(WAIT_BUCKETS)
                            .tags(tags)
                            .register(registry)));
            counter(
                    key,
                    tags,
                    "gitlab.queue.runners.joined",
                    "Runners that took their first job of this queue",
                    TimelineEvent.Type.RUNNER_JOINED);
            counter(
                    key,
                    tags,
                    "gitlab.queue.runners.left",
                    "Runners not seen running this queue's jobs for adapter.scaling.runner-gone",
                    TimelineEvent.Type.RUNNER_LEFT);
            counter(
                    key,
                    tags,
                    "gitlab.queue.demand.rises",
                    "Times the queue rose from empty to waiting",
                    TimelineEvent.Type.DEMAND);
            own.keep(FunctionCounter.builder(
                            "gitlab.queue.jobs.seen.only.finished",
                            insight,
                            i -> i.waits(key).jobsSeenOnlyFinished())
                    .description("Jobs first seen finished (a job event; never seen waiting or running)")
                    .tags(tags)
                    .register(registry));
        }
    }

    /** A job of a queue with meters started: its wait goes into the histogram. */
    void waited(@Observes JobWaited waited) {
        DistributionSummary summary = waits.get(waited.queue());
        if (summary != null && waited.waitSeconds() != null) {
            summary.record(waited.waitSeconds());
        }
    }

    /** The meters read this application's beans: they go with it. */
    void unregister(@Observes ShutdownEvent event) {
        own.removeAll();
        waits.clear();
    }

    private void counter(QueueKey key, Tags tags, String name, String description, TimelineEvent.Type type) {
        own.keep(FunctionCounter.builder(
                        name,
                        insight,
                        i -> i.find(key).map(q -> q.timeline().count(type)).orElse(0L))
                .description(description)
                .tags(tags)
                .register(registry));
    }
}
