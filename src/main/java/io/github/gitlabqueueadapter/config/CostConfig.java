package io.github.gitlabqueueadapter.config;

import io.smallrye.config.WithDefault;
import org.hibernate.validator.constraints.Range;

/**
 * {@code adapter.cost.*}: each pool's runner-hours by day, kept in memory only. A pool's price is its own key,
 * {@code adapter.pools.<name>.cost-per-runner-hour}.
 */
public interface CostConfig {

    /** The IANA zone whose midnight ends a day of the tally. */
    @WithDefault("UTC")
    String timezone();

    /** How many days are kept per pool, today included (a few dozen bytes a day). */
    @WithDefault("14")
    @Range(min = 1, max = 366, groups = AtStart.class)
    int days();
}
