package io.github.gitlabqueueadapter.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The gauges and function counters a metrics bean registered that read other beans, removed when the application
 * stops. Micrometer's global registry outlives an application started again in the same JVM (as the tests do); a
 * meter left there would be found again by the next application under the same name and tags, and read the beans of
 * the one that stopped.
 */
final class MetersRemovedAtStop {

    private final MeterRegistry registry;
    private final List<Meter> meters = new CopyOnWriteArrayList<>();

    MetersRemovedAtStop(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Keeps the meter, to remove it at {@link #removeAll()}. */
    <T extends Meter> T keep(T meter) {
        meters.add(meter);
        return meter;
    }

    void removeAll() {
        meters.forEach(registry::remove);
        meters.clear();
    }
}
