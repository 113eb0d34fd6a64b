package io.github.gitlabqueueadapter.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Pattern;
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
    RedisStore redis();

    /** How project states are kept in Redis. The connection itself is Quarkus's {@code quarkus.redis.*}. */
    interface RedisStore {

        /** Prefix of every key and channel, so that several deployments can share one Redis. */
        @WithDefault("gqa:")
        @Pattern(
                regexp = "[!-~]{1,64}",
                message = "must be 1 to 64 printable ASCII characters, no blanks",
                groups = AtStart.class)
        String keyPrefix();

        /** Upper bound of every Redis call (connecting included); past it, Redis counts as unreachable. */
        @WithDefault("2s")
        @DurationRange(min = "10ms", max = "1m", groups = AtStart.class)
        Duration timeout();

        /**
         * How long a project's state stays in Redis after its last write, so that a project no replica watches any
         * more does not stay forever. Every poll and event writes it again.
         */
        @WithDefault("1h")
        Duration stateTtl();

        /** While Redis is unreachable, how often it is tried again. */
        @WithDefault("2s")
        @DurationRange(min = "100ms", max = "5m", groups = AtStart.class)
        Duration retryInterval();

        /**
         * How long a replica's hold on polling a project lasts unless renewed (every third of it while the replica
         * lives). A replica that dies without letting go is replaced within this time plus one poll interval; one that
         * stops lets go at once.
         */
        @WithDefault("15s")
        @DurationRange(min = "1s", max = "10m", groups = AtStart.class)
        Duration leaseTtl();

        /**
         * The replicas to count on until Redis has said how many run: a replica that starts while Redis is away
         * spends {@code gitlab.requests-per-minute} divided by this. The chart sets it to its replica count.
         */
        @WithDefault("1")
        @Range(min = 1, max = 100, groups = AtStart.class)
        int replicas();

        /**
         * How long the id of an applied Job Hook delivery ({@code X-Gitlab-Event-UUID}) is remembered in Redis, so
         * that GitLab sending it again to another replica is dropped there too. One small key per delivery.
         */
        @WithDefault("10m")
        @DurationRange(min = "10s", max = "1d", groups = AtStart.class)
        Duration deliveryTtl();

        /** A file holding Redis's password (a mounted Kubernetes secret); wins over {@code quarkus.redis.password}. */
        Optional<String> passwordFile();
    }

    /** Who may read the queues. */
    Auth auth();

    /** Each queue's recent numbers, runners and readers, kept in memory only. */
    History history();

    /** {@code forecastPending}: the pending count expected a little ahead. */
    Forecast forecast();

    /** How long jobs wait for runners, and the scaling timeline: demand, runners, readers. */
    Scaling scaling();

    /**
     * {@code adapter.scaling.*}: what counts as a scaling event, and bounds of what is kept per queue (for as long as
     * {@code adapter.history.retention}).
     */
    interface Scaling {

        /** A runner not seen running any of a queue's jobs for this long has left it ("runner left"). */
        @WithDefault("10m")
        @DurationRange(min = "1m", max = "1d", groups = AtStart.class)
        Duration runnerGone();

        /** A reader (User-Agent) silent this long has stopped; its next read is "first read after a pause". */
        @WithDefault("2m")
        @DurationRange(min = "10s", max = "1d", groups = AtStart.class)
        Duration readerPause();

        /** This many jobs joining a queue within one minute are a burst. */
        @WithDefault("10")
        @Range(min = 2, max = 100_000, groups = AtStart.class)
        int burstJobs();

        /**
         * Time to capacity: a rise of demand ends when the queue is empty, or when the oldest waiting job has waited
         * less than this and less than the rise has lasted (every job waiting at the rise has a runner).
         */
        @WithDefault("60s")
        @DurationRange(min = "1s", max = "1d", groups = AtStart.class)
        Duration waitThreshold();

        /** Most timeline events kept per queue (about 120 bytes each); the oldest go first. */
        @WithDefault("1000")
        @Range(min = 10, max = 100_000, groups = AtStart.class)
        int maxEvents();

        /**
         * Most wait-time samples kept per queue, for the p50/p95 of the last hour (kept an hour: 16 bytes each in the
         * heap, about 25 in Redis); past it, the oldest of the hour go first.
         */
        @WithDefault("10000")
        @Range(min = 10, max = 1_000_000, groups = AtStart.class)
        int maxWaits();
    }

    /** {@code adapter.history.*}: bounds of what is kept per queue. */
    interface History {

        /** How far back samples and runners are kept. Lost at every restart. */
        @WithDefault("6h")
        @DurationRange(min = "1m", max = "7d", groups = AtStart.class)
        Duration retention();

        /** Most samples kept per queue (24 bytes each); samples closer than retention / this are merged. */
        @WithDefault("2160")
        @Range(min = 10, max = 100_000, groups = AtStart.class)
        int maxSamples();

        /** Most runners remembered per queue. */
        @WithDefault("50")
        @Range(min = 1, max = 10_000, groups = AtStart.class)
        int maxRunners();

        /** Most reading clients (by User-Agent) remembered per queue. */
        @WithDefault("8")
        @Range(min = 1, max = 100, groups = AtStart.class)
        int maxReaders();
    }

    /** {@code adapter.forecast.*}: a least-squares line through the recent pending counts. */
    interface Forecast {

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

    /** GitLab job events pushed to {@code POST /webhooks/gitlab}. */
    Webhook webhook();

    /** The webhook endpoint; off (404) until a secret is set. */
    interface Webhook {

        /** The secret token set on the GitLab webhook, sent back as {@code X-Gitlab-Token}. Never logged. */
        Optional<String> secret();

        /** Largest event body accepted; larger ones get 413. */
        @WithDefault("1M")
        MemorySize maxBodySize();

        /** Event ids ({@code X-Gitlab-Event-UUID}) remembered to drop repeated deliveries. */
        @WithDefault("10000")
        @Range(min = 1, max = 1_000_000, groups = AtStart.class)
        int rememberedEvents();
    }

    /** Runner pools by name: each a view over projects that counts what that pool's runners would be handed. */
    Map<String, Pool> pools();

    /** One runner pool, {@code adapter.pools.<name>.*}. */
    interface Pool {

        /** The pool's projects: numeric ids or full paths. They are polled like {@code adapter.projects}. */
        Optional<List<String>> projects();

        /** Groups whose projects (subgroups included) belong to the pool. */
        Optional<List<String>> groups();

        /**
         * Tags of the pool's runners: pending jobs count only when these runners may take them. With neither this nor
         * {@code run-untagged}, every pending job of the pool's projects counts.
         */
        Optional<List<String>> tags();

        /** Whether the pool's runners take untagged jobs (GitLab's run_untagged); true when not given. */
        Optional<Boolean> runUntagged();

        /**
         * Runner ids whose running jobs count; without it, every running job of the pool's projects counts. Without
         * {@code tags} and {@code run-untagged}, also the runners GitLab is asked about: pending jobs count when one
         * of them would be handed the job.
         */
        Optional<List<Long>> runners();
    }

    /** Credentials readers must present; with none configured, the endpoints are open (and a warning says so). */
    interface Auth {

        /** An HTTP header name, RFC 9110's token; the query parameter's name too. */
        String HTTP_TOKEN = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";

        /** Accepted API keys, comma-separated; more than one lets a key be rotated without downtime. Never logged. */
        Optional<List<String>> apiKeys();

        /**
         * Header that carries an API key; KEDA sends {@code X-API-KEY} unless its {@code keyParamName} says otherwise.
         */
        @WithDefault("X-API-KEY")
        @Pattern(regexp = HTTP_TOKEN, message = "must be an HTTP header name", groups = AtStart.class)
        String headerName();

        /** Query parameter that carries an API key, for KEDA's {@code method: query}. */
        @WithDefault("api_key")
        @Pattern(regexp = HTTP_TOKEN, message = "must be a plain parameter name", groups = AtStart.class)
        String queryParam();

        /** HTTP Basic credentials, for KEDA's {@code authMode: basic}. */
        Basic basic();

        /** Whether {@code /q/health} and {@code /q/metrics} require a credential too. */
        @WithDefault("false")
        boolean protectManagement();
    }

    /** A user name and password accepted with {@code Authorization: Basic}. */
    interface Basic {

        Optional<String> username();

        /** Never logged. */
        Optional<String> password();
    }
}
