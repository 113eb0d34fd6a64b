package io.github.gitlabqueueadapter.store;

import java.time.Instant;

/**
 * How the store is doing, for {@code /q/health/well}.
 *
 * @param kind {@code memory} or {@code redis}
 * @param shared true when the states are shared with the other replicas (always true in memory: there are none)
 * @param downSince since when Redis has been unreachable, or null
 * @param lastError why Redis is unreachable, or null; holds no secret
 * @param unsharedStates states written on this replica alone, waiting to be written back to Redis
 */
public record StoreHealth(String kind, boolean shared, Instant downSince, String lastError, int unsharedStates) {

    static final StoreHealth MEMORY = new StoreHealth("memory", true, null, null, 0);
}
