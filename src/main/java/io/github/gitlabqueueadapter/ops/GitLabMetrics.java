package io.github.gitlabqueueadapter.ops;

import io.github.gitlabqueueadapter.domain.ProjectPolled;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import io.github.gitlabqueueadapter.webhook.JobHookDelivered;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What the adapter does to GitLab, for Prometheus. Every label takes values from a fixed set or from the watched
 * projects, so the number of series is bounded by the configuration.
 */
@ApplicationScoped
public class GitLabMetrics {

    private final MeterRegistry registry;
    private final AtomicReference<Double> rateLimitRemaining = new AtomicReference<>(Double.NaN);
    private Supplier<Duration> pausedSource;

    private final WatchedProjects watched;

    GitLabMetrics(MeterRegistry registry, WatchedProjects watched) {
        this.registry = registry;
        this.watched = watched;
        registry.gauge("gitlab.ratelimit.remaining", rateLimitRemaining, ref -> ref.get());
    }

    /**
     * One HTTP request to GitLab.
     *
     * @param outcome {@code success} or a failure reason code ({@code server_error}, {@code timeout}, ...)
     * @param status the HTTP status, or 0 when no answer came
     */
    public void request(String outcome, int status, Duration took) {
        Timer.builder("gitlab.requests")
                .description("Requests to GitLab by outcome and status class")
                .tag("outcome", outcome)
                .tag("status", status == 0 ? "none" : (status / 100) + "xx")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record(took);
    }

    /** One poll of one project: its result and, when it succeeded, the pages it read. */
    void polled(@Observes ProjectPolled polled) {
        poll(label(polled.project()), polled.result(), polled.pages());
    }

    /** A named project is its own label; a group member counts under its group, so series stay bounded. */
    private String label(ProjectRef project) {
        return watched.isNamed(project)
                ? project.name()
                : watched.groupOf(project).map(group -> group.name() + "/*").orElse("other");
    }

    private void poll(String project, String result, int pages) {
        Counter.builder("gitlab.polls")
                .description("Polls of a project by result")
                .tag("project", project)
                .tag("result", result)
                .register(registry)
                .increment();
        if (pages > 0) {
            DistributionSummary.builder("gitlab.poll.pages")
                    .description("Pages read in one poll of a project")
                    .tag("project", project)
                    .register(registry)
                    .record(pages);
        }
    }

    /** One webhook delivery by what became of it (applied, outdated, duplicate, unwatched, unauthorized, ...). */
    void delivered(@Observes JobHookDelivered delivery) {
        String result = delivery.result();
        Counter.builder("gitlab.webhook.events")
                .description("GitLab job events received, by result")
                .tag("result", result)
                .register(registry)
                .increment();
    }

    /** GitLab's {@code RateLimit-Remaining}, when it sends one. */
    public void rateLimitRemaining(long remaining) {
        rateLimitRemaining.set((double) remaining);
    }

    /** The time requests were held back by 429s, as a counter read at scrape time. */
    public void pausedByRateLimit(Supplier<Duration> total) {
        pausedSource = total; // held here: a function counter keeps only a weak reference to its source
        FunctionCounter.builder("gitlab.ratelimit.paused", total, t -> t.get().toMillis() / 1000.0)
                .description("Seconds requests to GitLab waited because GitLab answered 429")
                .baseUnit("seconds")
                .register(registry);
    }
}
