package io.github.gitlabqueueadapter.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code adapter.forecast.*}: a least-squares line through the recent pending counts. */
public interface ForecastConfig {

    /** How far ahead {@code forecastPending} looks: about the time a new runner takes to start. */
    @WithDefault("2m")
    @DurationRange(
            min = "0s",
            minInclusive = false,
            max = "1h",
            message = "must be longer than zero and at most {max}",
            groups = AtStart.class)
    Duration horizon();

    /** How much recent history the line is fitted to. */
    @WithDefault("10m")
    @DurationRange(min = "1m", message = "must be at least {min}", groups = AtStart.class)
    Duration window();
}
