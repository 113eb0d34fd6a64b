package io.github.gitlabqueueadapter.ops;

import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.QueueKind;
import io.github.gitlabqueueadapter.domain.RunnerHours;
import io.github.gitlabqueueadapter.query.PoolRunnerHours;
import io.github.gitlabqueueadapter.watch.QueueCatalog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.function.ToDoubleFunction;

/**
 * Each pool's runner-seconds, busy and provisioned, and its cost where it has a price, as counters read from its
 * {@link PoolRunnerHours} tally since this replica started. Pools are configured and few: one series per pool and
 * state, one cost series per priced pool.
 */
@ApplicationScoped
public class CostMetrics {

    private final MeterRegistry registry;
    private final MetersRemovedAtStop own;
    private final QueueCatalog catalog;
    private final PoolRunnerHours tallies;

    CostMetrics(MeterRegistry registry, QueueCatalog catalog, PoolRunnerHours tallies) {
        this.registry = registry;
        this.own = new MetersRemovedAtStop(registry);
        this.catalog = catalog;
        this.tallies = tallies;
    }

    void register(@Observes StartupEvent event) {
        for (QueueKey pool : catalog.all(QueueKind.POOL)) {
            Tags tags = Tags.of("kind", pool.kind().label(), "queue", pool.name());
            runnerSeconds(
                    pool,
                    tags.and("state", "busy"),
                    RunnerHours::busySeconds,
                    "Runner-seconds running the pool's jobs");
            runnerSeconds(
                    pool,
                    tags.and("state", "provisioned"),
                    RunnerHours::provisionedSeconds,
                    "Runner-seconds the pool's runners were there, busy or idle, where known");
            if (tallies.price(pool.name()).isPresent()) {
                own.keep(FunctionCounter.builder("gitlab.queue.runner.cost", tallies, t -> t.costSoFar(pool.name()))
                        .description("The pool's provisioned runner-hours at its cost-per-runner-hour")
                        .tags(tags)
                        .register(registry));
            }
        }
    }

    /** The counters read this application's beans: they go with it. */
    void unregister(@Observes ShutdownEvent event) {
        own.removeAll();
    }

    private void runnerSeconds(QueueKey pool, Tags tags, ToDoubleFunction<RunnerHours> seconds, String description) {
        own.keep(FunctionCounter.builder(
                        "gitlab.queue.runner.seconds",
                        tallies,
                        t -> t.of(pool.name()).map(seconds::applyAsDouble).orElse(0.0))
                .description(description)
                .tags(tags)
                .register(registry));
    }
}
