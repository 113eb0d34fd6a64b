package io.github.gitlabqueueadapter.config;

import io.smallrye.config.WithDefault;

/**
 * {@code adapter.metrics.*}: which series {@code /q/metrics} exports. Pools and groups always have theirs (they are
 * configured, so few); a project has series of its own only when asked for, so that thousands of watched projects do
 * not make a scrape of thousands of series.
 */
public interface MetricsConfig {

    /**
     * Whether every named project has its own series: its queue gauges and wait histogram (also when a pool or group
     * counts it), {@code gitlab_polls_total}, {@code gitlab_poll_pages} and {@code gitlab_circuit_breaker_state} by
     * {@code project}. Off: named projects that no pool or group counts keep their queue gauges and wait histogram
     * while they are at most 50,
     * polls and pages are counted without the {@code project} label, and breakers as a count by state. A group's
     * members never have series of their own.
     */
    @WithDefault("false")
    boolean perProject();
}
