package io.github.gitlabqueueadapter.ops;

import io.github.gitlabqueueadapter.domain.Answer;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.QueueKind;
import io.github.gitlabqueueadapter.domain.Seconds;
import io.github.gitlabqueueadapter.gitlab.ProjectGuards;
import io.github.gitlabqueueadapter.insight.QueueMemories;
import io.github.gitlabqueueadapter.query.QueueView;
import io.github.gitlabqueueadapter.query.Queues;
import io.github.gitlabqueueadapter.watch.QueueCatalog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Each queue's numbers as gauges (pools, groups, and the named projects {@link ProjectSeries} keeps; a group's members
 * only through their group), read from the snapshot store at scrape time, exactly what {@code GET /queues/...} would
 * answer (NaN while no number can be served), plus the breakers' states.
 */
@ApplicationScoped
public class QueueMetrics {

    private final MeterRegistry registry;
    private final MetersRemovedAtStop own;
    private final Queues queues;
    private final QueueCatalog catalog;
    private final ProjectGuards guards;
    private final QueueMemories insight;
    private final ProjectSeries series;
    private final Clock clock;

    QueueMetrics(
            MeterRegistry registry,
            Queues queues,
            QueueCatalog catalog,
            ProjectGuards guards,
            QueueMemories insight,
            ProjectSeries series,
            Clock clock) {
        this.registry = registry;
        this.own = new MetersRemovedAtStop(registry);
        this.queues = queues;
        this.catalog = catalog;
        this.guards = guards;
        this.insight = insight;
        this.series = series;
        this.clock = clock;
    }

    /**
     * At start the watched projects are the named ones: a group's members count through their group. Breakers are
     * counted by state, and with {@code adapter.metrics.per-project} each named project's is a series too.
     */
    void register(@Observes StartupEvent event) {
        breakerCounts();
        for (QueueKey key : catalog.all()) {
            if (!series.hasQueueSeries(key)) {
                continue;
            }
            queueGauges(key, () -> queues.answer(key));
            if (key.kind() == QueueKind.PROJECT && series.perProject()) {
                ProjectRef project = ProjectRef.parse(key.name());
                own.keep(Gauge.builder("gitlab.circuit.breaker.state", project, p -> breakerState(guards, p))
                        .strongReference(true) // held only here: a weak reference would turn it NaN at the next GC
                        .description("The project's circuit breaker: 0 closed, 1 half-open, 2 open")
                        .tags(Tags.of("project", project.name()))
                        .register(registry));
            }
        }
    }

    private void breakerCounts() {
        for (CircuitBreakerState state : CircuitBreakerState.values()) {
            own.keep(Gauge.builder("gitlab.circuit.breakers", guards, g -> g.breakersIn(state))
                    .description("Projects whose circuit breaker is in this state")
                    .tags(Tags.of("state", state.name().toLowerCase(java.util.Locale.ROOT)))
                    .register(registry));
        }
    }

    /** The gauges read this application's beans: they go with it. */
    void unregister(@Observes ShutdownEvent event) {
        own.removeAll();
    }

    private void queueGauges(QueueKey key, Supplier<Answer<QueueView>> answer) {
        Tags tags = Tags.of("kind", key.kind().label(), "queue", key.name());
        gauge("gitlab.queue.pending", "Jobs waiting for a runner", tags, answer, v -> v.pending());
        gauge("gitlab.queue.running", "Jobs running", tags, answer, v -> v.running());
        gauge("gitlab.queue.total", "Pending plus running jobs", tags, answer, v -> v.total());
        gauge(
                "gitlab.queue.oldest.pending.seconds",
                "Wait of the oldest pending job",
                tags,
                answer,
                QueueView::oldestPendingSeconds);
        gauge(
                "gitlab.queue.snapshot.age.seconds",
                "Age of the last good snapshot",
                tags,
                answer,
                QueueView::ageSeconds);
        gauge(
                "gitlab.queue.stale",
                "1 while a failed poll leaves the last good number served",
                tags,
                answer,
                v -> v.stale() ? 1 : 0);
        gauge(
                "gitlab.queue.events.fed",
                "1 while job events keep the number current (polled every adapter.reconcile-interval), 0 while polls"
                        + " do (every adapter.poll-interval)",
                tags,
                answer,
                v -> "events".equals(v.source()) ? 1 : 0);
        gauge(
                "gitlab.queue.forecast.pending",
                "Pending jobs expected adapter.forecast.horizon from now",
                tags,
                answer,
                QueueView::forecastPending);
        own.keep(Gauge.builder(
                        "gitlab.queue.runners",
                        insight,
                        i -> i.find(key).map(q -> q.runners().busy()).orElse(0))
                .description("Runners running this queue's jobs at the last sample")
                .tags(tags)
                .register(registry));
        own.keep(FunctionCounter.builder(
                        "gitlab.queue.reads", insight, i -> i.reads(key).reads())
                .description("Reads of this queue's endpoint (KEDA, Azure Container Apps, people)")
                .tags(tags)
                .register(registry));
        own.keep(Gauge.builder("gitlab.queue.last.read.age.seconds", insight, i -> lastReadAge(i, key))
                .description("Seconds since this queue's endpoint was last read; NaN before the first read")
                .tags(tags)
                .register(registry));
    }

    private double lastReadAge(QueueMemories insight, QueueKey key) {
        Instant last = insight.reads(key).lastReadAt();
        return last == null ? Double.NaN : Math.max(0, Seconds.between(last, clock.instant()));
    }

    private void gauge(
            String name,
            String description,
            Tags tags,
            Supplier<Answer<QueueView>> answer,
            ToDoubleFunction<QueueView> value) {
        own.keep(Gauge.builder(name, answer, a -> a.get().fold(value::applyAsDouble, reason -> Double.NaN))
                .strongReference(
                        true) // the supplier lives only here; a weak reference would turn the gauge NaN at the next GC
                .description(description)
                .tags(tags)
                .register(registry));
    }

    private static double breakerState(ProjectGuards guards, ProjectRef project) {
        CircuitBreakerState state = guards.breakerState(project).orElse(CircuitBreakerState.CLOSED);
        return switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }
}
