package io.github.gitlabqueueadapter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the adapter watches and how often. Keys under {@code adapter.}. */
@ConfigMapping(prefix = "adapter")
public interface AdapterConfig {

    /** Watched projects: numeric ids or full paths ({@code group/sub/app}), comma-separated. */
    Optional<List<String>> projects();

    /** Time between two polls of every project. */
    @WithDefault("15s")
    Duration pollInterval();

    /** How old the last good snapshot may be before the endpoint answers 503 instead of a number. */
    @WithDefault("2m")
    Duration maxStaleness();

    /** Pages of 100 jobs read per project and poll; past it the count is marked {@code capped}. */
    @WithDefault("50")
    int maxPages();

    /** Projects polled at the same time. */
    @WithDefault("4")
    int pollConcurrency();
}
