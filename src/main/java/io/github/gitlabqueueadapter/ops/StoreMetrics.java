package io.github.gitlabqueueadapter.ops;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.store.PollLeases;
import io.github.gitlabqueueadapter.store.SnapshotStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * How the replicas share their work through Redis, for Prometheus; registered only with {@code adapter.store=redis}
 * (alone there is nothing to share). No label: one series each per replica.
 */
@Startup
@ApplicationScoped
public class StoreMetrics {

    private final MetersRemovedAtStop own;

    StoreMetrics(MeterRegistry registry, AdapterConfig config, SnapshotStore store, PollLeases leases) {
        this.own = new MetersRemovedAtStop(registry);
        if (config.store() != AdapterConfig.Store.REDIS) {
            return;
        }
        own.keep(Gauge.builder(
                        "gitlab.queue.store.redis.up", store, s -> s.health().shared() ? 1 : 0)
                .description("1 while this replica reaches Redis and shares its states, 0 while it works alone")
                .strongReference(true)
                .register(registry));
        own.keep(Gauge.builder(
                        "gitlab.queue.store.unshared.states",
                        store,
                        s -> s.health().unsharedStates())
                .description("Project states written on this replica alone, waiting to be written back to Redis")
                .strongReference(true)
                .register(registry));
        own.keep(Gauge.builder("gitlab.queue.store.replicas", leases, PollLeases::replicas)
                .description("Replicas sharing the polls and the request budget, as this replica last saw them"
                        + " (adapter.redis.replicas until Redis has said)")
                .strongReference(true)
                .register(registry));
        own.keep(Gauge.builder("gitlab.queue.store.leases.held", leases, PollLeases::held)
                .description("Projects this replica holds, so polls for every replica")
                .strongReference(true)
                .register(registry));
    }

    /** The gauges read this application's store: they go with it. */
    void unregister(@Observes ShutdownEvent event) {
        own.removeAll();
    }
}
