package io.github.gitlabqueueadapter.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Leaves out the two gauges that Quarkus's Vert.x metrics make for the Redis client, {@code redis.queue.size} and
 * {@code redis.current} (tagged {@code clientType=redis}). Vert.x's Redis client (4.5) asks for client metrics once per
 * connection, not once per client, and Quarkus registers these gauges at each ask under the same name and tags: the
 * client's second connection (a second pooled one, or the store's subscription) made Micrometer warn "This Gauge has
 * been already registered" at every start, and the one gauge kept reading the first connection only, so its value
 * was wrong for all the others anyway. The cause is in Quarkus and Vert.x, not in how the adapter uses them; the
 * timers and counters of the same metrics add up across connections and stay.
 */
@Singleton
public class RedisConnectionGauges {

    @Produces
    @Singleton
    MeterFilter perConnectionRedisGauges() {
        return MeterFilter.deny(id -> id.getType() == Meter.Type.GAUGE
                && "redis".equals(id.getTag("clientType"))
                && id.getName().startsWith("redis."));
    }
}
