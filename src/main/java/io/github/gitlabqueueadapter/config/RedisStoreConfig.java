package io.github.gitlabqueueadapter.config;

import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.Range;

/** How project states are kept in Redis. The connection itself is Quarkus's {@code quarkus.redis.*}. */
public interface RedisStoreConfig {

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
