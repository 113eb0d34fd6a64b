package io.github.gitlabqueueadapter.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Warming a pool up before its usual rush, {@code adapter.pools.<name>.warm-up.*}: from a weekly profile of the
 * pool's demand, {@code desired} rises ahead of the hours that are usually busy.
 */
public interface WarmUpConfig {

    /**
     * Whether the pool keeps a weekly profile of its demand and raises {@code desired} to what the coming hour usually
     * needs. Gives the pool a capacity plan ({@code capacity-per-runner} 1 when not given).
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * How far ahead to look, 0s to 1h; when not given, the pool's measured time to capacity (the median of its last
     * rises), or 2m before one was measured.
     */
    Optional<Duration> lead();

    /**
     * The IANA zone the hours of the week are read in, so that a 09:00 rush stays at 09:00 across daylight saving;
     * UTC when not given.
     */
    Optional<String> timezone();
}
