package io.github.gitlabqueueadapter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.validator.constraints.Range;

/** What the adapter watches and how often. Keys under {@code adapter.}. */
@ConfigMapping(prefix = "adapter")
public interface AdapterConfig {

    /** Watched projects: numeric ids or full paths ({@code group/sub/app}), comma-separated. */
    Optional<List<String>> projects();

    /** Groups whose projects, subgroups included, are watched too: numeric ids or full paths, comma-separated. */
    Optional<List<String>> groups();

    /** How often the projects of each group are listed again; new ones join, removed or archived ones leave. */
    @WithDefault("5m")
    @DurationRange(min = "10s", message = "must be at least {min}", groups = AtStart.class)
    Duration groupRefresh();

    /**
     * How often the runners of pools that name runners (and no tags) are read from GitLab again, with the settings of
     * their projects and the protection of their pending jobs' refs: an edited runner counts within this time.
     */
    @WithDefault("5m")
    @DurationRange(min = "10s", max = "1d", groups = AtStart.class)
    Duration runnerRefresh();

    /** Most projects watched in one group; past it, the rest are left out with a warning. */
    @WithDefault("1000")
    @Range(min = 1, max = 100_000, groups = AtStart.class)
    int maxGroupProjects();

    /** Time between two polls of a project no job events arrive for. Each project keeps its own cadence. */
    @WithDefault("15s")
    @DurationRange(min = "1s", max = "1h", groups = AtStart.class)
    Duration pollInterval();

    /**
     * Time between two polls of a project whose job events arrive: the events keep its number current, the poll only
     * reconciles. A poll that finds a change no event announced puts the project back on {@link #pollInterval()}.
     */
    @WithDefault("5m")
    @DurationRange(min = "1s", max = "24h", groups = AtStart.class)
    Duration reconcileInterval();

    /**
     * How old the last good snapshot may be before the endpoint answers 503 instead of a number; for a project fed by
     * job events, {@code reconcile-interval - poll-interval} more. Must outlast one poll and its attempts.
     */
    @WithDefault("2m")
    Duration maxStaleness();

    /** Pages of 100 jobs read per project and poll; past it the count is marked {@code capped}. */
    @WithDefault("50")
    @Range(
            min = 1,
            max = 500,
            message = "must be {min} to {max} (GitLab refuses offset pages past 50,000 jobs)",
            groups = AtStart.class)
    int maxPages();

    /** Projects polled at the same time. */
    @WithDefault("4")
    @Range(min = 1, max = 64, groups = AtStart.class)
    int pollConcurrency();

    /**
     * Where project states live: {@code memory}, this process only (the default), or {@code redis}, shared by every
     * replica through the Redis that {@code quarkus.redis.hosts} names.
     */
    @WithDefault("memory")
    Store store();

    /** The kinds of {@link #store()}. */
    enum Store {
        MEMORY,
        REDIS
    }

    /** {@code adapter.redis.*}: the shared store, read only with {@code adapter.store=redis}. */
    RedisStoreConfig redis();

    /** Who may read the queues. */
    AuthConfig auth();

    /** Each queue's recent numbers, runners and readers, kept in memory only. */
    HistoryConfig history();

    /** {@code forecastPending}: the pending count expected a little ahead. */
    ForecastConfig forecast();

    /** How long jobs wait for runners, and the scaling timeline: demand, runners, readers. */
    ScalingConfig scaling();

    /** GitLab job events pushed to {@code POST /webhooks/gitlab}. */
    WebhookConfig webhook();

    /** Each pool's runner-hours by day, busy and provisioned, and what they cost. */
    CostConfig cost();

    /** How much the status page renders at once. */
    StatusPageConfig statusPage();

    /** Which series {@code /q/metrics} exports: per project only when asked for. */
    MetricsConfig metrics();

    /** Runner pools by name: each a view over projects that counts what that pool's runners would be handed. */
    Map<String, PoolConfig> pools();
}
