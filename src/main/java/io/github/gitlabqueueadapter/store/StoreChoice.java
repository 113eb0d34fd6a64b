package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/**
 * Makes the shared-state beans of the application (the {@link SnapshotStore} first). Producers rather than two beans
 * of one type, so that the choice of store can be made at run time, from configuration ({@code adapter.store}), and
 * the store not chosen is never created: with {@code memory}, no Redis client is ever asked to connect.
 */
@ApplicationScoped
class StoreChoice {

    @Produces
    @ApplicationScoped
    SnapshotStore snapshotStore(AdapterConfig config, Instance<RedisSnapshotStore> redis) {
        return config.store() == AdapterConfig.Store.REDIS ? redis.get() : new InMemorySnapshotStore();
    }

    /** Alone, this replica polls every project; with Redis, each is polled by the replica that holds it. */
    @Produces
    @ApplicationScoped
    PollLeases pollLeases(AdapterConfig config, Instance<RedisPollLeases> redis) {
        return config.store() == AdapterConfig.Store.REDIS ? redis.get() : PollLeases.ALONE;
    }

    /** Alone, the request budget is this process's; with Redis, the replicas book one budget's slots. */
    @Produces
    @ApplicationScoped
    BudgetSlots budgetSlots(AdapterConfig config, Instance<RedisBudgetSlots> redis) {
        return config.store() == AdapterConfig.Store.REDIS ? redis.get() : BudgetSlots.ALONE;
    }

    /** Alone, the webhook's own memory drops repeated deliveries; with Redis, a repeat to any replica is dropped. */
    @Produces
    @ApplicationScoped
    DeliveryLog deliveryLog(AdapterConfig config, Instance<RedisDeliveryLog> redis) {
        return config.store() == AdapterConfig.Store.REDIS ? redis.get() : DeliveryLog.ALONE;
    }

    /** Alone, history lives in the process; with Redis, it outlives a replica's restart. */
    @Produces
    @ApplicationScoped
    HistoryArchive historyArchive(AdapterConfig config, Instance<RedisHistoryArchive> redis) {
        return config.store() == AdapterConfig.Store.REDIS ? redis.get() : HistoryArchive.ALONE;
    }

    /** Alone, the pools' weekly profiles live in the process; with Redis, they outlive a replica's restart. */
    @Produces
    @ApplicationScoped
    ProfileArchive profileArchive(AdapterConfig config, Instance<RedisProfileArchive> redis) {
        return config.store() == AdapterConfig.Store.REDIS ? redis.get() : ProfileArchive.ALONE;
    }

    /** The Redis store reads every state at start, before the first poll or request rather than during it. */
    void startEarly(@Observes StartupEvent event, SnapshotStore store) {
        store.health();
    }

    /**
     * The Redis store and leases stop before Quarkus closes the Redis client, so that the client's closing is not
     * taken for an outage (and logged as one) on the way out.
     */
    void stopEarly(
            @Observes ShutdownEvent event,
            AdapterConfig config,
            Instance<RedisSnapshotStore> redis,
            Instance<RedisPollLeases> leases,
            Instance<RedisHistoryArchive> archive) {
        if (config.store() == AdapterConfig.Store.REDIS) {
            leases.get().close(); // the others take this replica's projects at their next turn
            archive.get().close();
            redis.get().close();
        }
    }
}
