package io.github.gitlabqueueadapter.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One capacity policy of a pool, {@code adapter.pools.<name>.policies.<policy>.*}, as GitLab's
 * {@code [[runners.autoscaler.policy]]} writes it. The policies are taken in name order and the last in force wins.
 */
public interface PolicyConfig {

    /**
     * Cron expressions of 5 fields (minute hour day-of-month month day-of-week) during which the policy is in force;
     * always when not given, as in GitLab. A comma inside one is written {@code \,} (or use {@code periods[0]=}).
     */
    Optional<List<String>> periods();

    /** The IANA zone the periods are read in; UTC when not given. */
    Optional<String> timezone();

    /** Idle capacity kept warm, in jobs (GitLab's idle_count). */
    @WithDefault("0")
    int idleCount();

    /** How long capacity no longer needed lingers before it is released (GitLab's idle_time). */
    @WithDefault("5m")
    Duration idleTime();

    /** Idle capacity as a multiple of the capacity in use (GitLab's scale_factor). */
    @WithDefault("0")
    double scaleFactor();

    /** The most idle capacity scale-factor gives, in jobs; 0 for no cap (GitLab's scale_factor_limit). */
    @WithDefault("0")
    int scaleFactorLimit();
}
