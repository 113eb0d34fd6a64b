package io.github.gitlabqueueadapter.ops;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.announcements.GitLabRequested;
import io.github.gitlabqueueadapter.domain.announcements.JobHookDelivered;
import io.github.gitlabqueueadapter.domain.announcements.ProjectPolled;
import io.github.gitlabqueueadapter.gitlab.RequestBudget;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * What the adapter does to GitLab, for Prometheus, observed from what the client, the store and the webhook
 * announce. Every label takes values from a fixed set, or with {@code adapter.metrics.per-project} from the named
 * projects and groups, so the number of series is bounded by the configuration. Created at start, not at the first
 * event it observes, so that its gauges are there from the first scrape.
 */
@Startup
@ApplicationScoped
public class GitLabMetrics {

    private final MeterRegistry registry;
    private final MetersRemovedAtStop own;
    private final WatchedProjects watched;
    private final boolean perProject;

    GitLabMetrics(MeterRegistry registry, WatchedProjects watched, RequestBudget budget, AdapterConfig config) {
        this.registry = registry;
        this.own = new MetersRemovedAtStop(registry);
        this.watched = watched;
        this.perProject = config.metrics().perProject();
        own.keep(Gauge.builder(
                        "gitlab.ratelimit.remaining",
                        budget,
                        b -> b.lastRemaining() == null ? Double.NaN : b.lastRemaining())
                .strongReference(true)
                .register(registry));
        own.keep(FunctionCounter.builder(
                        "gitlab.ratelimit.paused", budget, b -> b.pausedTotal().toMillis() / 1000.0)
                .description("Seconds requests to GitLab waited because GitLab answered 429")
                .baseUnit("seconds")
                .register(registry));
    }

    /** The gauges read this application's budget: they go with it. */
    void unregister(@Observes ShutdownEvent event) {
        own.removeAll();
    }

    /** One HTTP request to GitLab, by outcome and status class ({@code none} when no answer came). */
    void requested(@Observes GitLabRequested request) {
        Timer.builder("gitlab.requests")
                .description("Requests to GitLab by outcome and status class")
                .tag("outcome", request.outcome())
                .tag("status", request.status() == 0 ? "none" : (request.status() / 100) + "xx")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record(request.took());
    }

    /**
     * One poll of one project: its result and, when it succeeded, the pages it read; by project only with {@code
     * adapter.metrics.per-project}.
     */
    void polled(@Observes ProjectPolled polled) {
        Tags project = perProject ? Tags.of("project", label(polled.project())) : Tags.empty();
        Counter.builder("gitlab.polls")
                .description("Polls of a project by result")
                .tags(project)
                .tag("result", polled.result())
                .register(registry)
                .increment();
        if (polled.pages() > 0) {
            DistributionSummary.builder("gitlab.poll.pages")
                    .description("Pages read in one poll of a project")
                    .tags(project)
                    .register(registry)
                    .record(polled.pages());
        }
    }

    /** One webhook delivery by what became of it (applied, outdated, duplicate, unwatched, unauthorized, ...). */
    void delivered(@Observes JobHookDelivered delivery) {
        Counter.builder("gitlab.webhook.events")
                .description("GitLab job events received, by result")
                .tag("result", delivery.result())
                .register(registry)
                .increment();
    }

    /** A named project is its own label; a group member counts under its group, so series stay bounded. */
    private String label(ProjectRef project) {
        return watched.isNamed(project)
                ? project.name()
                : watched.groupOf(project).map(group -> group.name() + "/*").orElse("other");
    }
}
