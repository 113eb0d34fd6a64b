package io.github.gitlabqueueadapter.store;

import java.util.function.BooleanSupplier;

/**
 * The Job Hook deliveries already applied by any replica, by GitLab's {@code X-Gitlab-Event-UUID}: GitLab may send one
 * delivery twice, and behind a Service the second can reach another replica than the first.
 */
public interface DeliveryLog {

    /** Alone, the webhook's own memory of deliveries is all there is. */
    DeliveryLog ALONE = id -> true;

    /**
     * True the first time any replica offers this id (or when that cannot be told: Redis away); false for a delivery
     * another replica applied within {@code adapter.redis.delivery-ttl}.
     */
    boolean firstTime(String id);

    /**
     * Offers the id now and answers {@link #firstTime} when asked, so that the question travels while the caller does
     * something else (applies the event); the id is remembered whether or not the answer is ever asked for.
     */
    default BooleanSupplier offer(String id) {
        boolean first = firstTime(id);
        return () -> first;
    }
}
