package io.github.gitlabqueueadapter.metrics;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.gitlab.GitLabClient;
import io.github.gitlabqueueadapter.queue.ProjectRef;
import io.github.gitlabqueueadapter.queue.ProjectState;
import io.github.gitlabqueueadapter.queue.QueueQuery;
import io.github.gitlabqueueadapter.queue.QueueView;
import io.github.gitlabqueueadapter.queue.SnapshotStore;
import io.github.gitlabqueueadapter.queue.WatchedProjects;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.function.ToDoubleFunction;

/**
 * Each watched queue's numbers as gauges, read from the snapshot store at scrape time, exactly what
 * {@code GET /queues/...} would answer (NaN while no number can be served), plus the project's breaker state.
 */
@ApplicationScoped
public class QueueMetrics {

    private final MeterRegistry registry;
    private final SnapshotStore store;
    private final WatchedProjects watched;
    private final GitLabClient gitlab;
    private final Clock clock;
    private final QueueQuery query;

    QueueMetrics(MeterRegistry registry, SnapshotStore store, WatchedProjects watched, GitLabClient gitlab, Clock clock,
            AdapterConfig config) {
        this.registry = registry;
        this.store = store;
        this.watched = watched;
        this.gitlab = gitlab;
        this.clock = clock;
        this.query = new QueueQuery(config.maxStaleness());
    }

    void register(@Observes StartupEvent event) {
        for (ProjectRef project : watched.all()) {
            Tags tags = Tags.of("kind", "project", "queue", project.name());
            gauge("gitlab.queue.pending", "Jobs waiting for a runner", tags, project, v -> v.pending());
            gauge("gitlab.queue.running", "Jobs running", tags, project, v -> v.running());
            gauge("gitlab.queue.total", "Pending plus running jobs", tags, project, v -> v.total());
            gauge("gitlab.queue.oldest.pending.seconds", "Wait of the oldest pending job", tags, project,
                    QueueView::oldestPendingSeconds);
            gauge("gitlab.queue.snapshot.age.seconds", "Age of the last good snapshot", tags, project, QueueView::ageSeconds);
            gauge("gitlab.queue.stale", "1 while a failed poll leaves the last good number served", tags, project,
                    v -> v.stale() ? 1 : 0);
            Gauge.builder("gitlab.circuit.breaker.state", project, p -> breakerState(gitlab, p))
                    .description("The project's circuit breaker: 0 closed, 1 half-open, 2 open")
                    .tags(Tags.of("project", project.name())).register(registry);
        }
    }

    private void gauge(String name, String description, Tags tags, ProjectRef project, ToDoubleFunction<QueueView> value) {
        Gauge.builder(name, project, p -> view(p, value)).description(description).tags(tags).register(registry);
    }

    private double view(ProjectRef project, ToDoubleFunction<QueueView> value) {
        ProjectState state = store.find(project).orElse(ProjectState.unpolled(project));
        return query.project(state, clock.instant()) instanceof QueueQuery.Available available
                ? value.applyAsDouble(available.view())
                : Double.NaN;
    }

    private static double breakerState(GitLabClient gitlab, ProjectRef project) {
        CircuitBreakerState state = gitlab.breakerState(project).orElse(CircuitBreakerState.CLOSED);
        return switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }
}
