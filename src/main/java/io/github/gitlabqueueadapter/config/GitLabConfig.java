package io.github.gitlabqueueadapter.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.Range;

/** How the adapter reaches GitLab. Keys under {@code gitlab.}; every key is also an env var (GITLAB_URL, ...). */
@ConfigMapping(prefix = "gitlab")
public interface GitLabConfig {

    /** Base URL of the GitLab instance, without {@code /api/v4}. */
    @WithDefault("https://gitlab.com")
    String url();

    /** Access token with the {@code read_api} scope, sent as {@code PRIVATE-TOKEN}. Never logged. */
    Optional<String> token();

    /** A file holding the token (a mounted Kubernetes secret); re-read when it changes. Excludes {@link #token()}. */
    Optional<String> tokenFile();

    /** Upper bound for one GitLab request: connect, wait and read. */
    @WithDefault("5s")
    @DurationRange(min = "0s", minInclusive = false, message = "must be longer than zero", groups = AtStart.class)
    Duration timeout();

    /** Requests per minute to this GitLab, all projects together; under GitLab's 600/min limit of the jobs endpoint. */
    @WithDefault("500")
    @Range(min = 1, max = 100_000, groups = AtStart.class)
    int requestsPerMinute();

    /** Retries of one page request after a connection error, a timeout or a 5xx; never after a 4xx. */
    @WithDefault("2")
    @Range(min = 0, max = 10, groups = AtStart.class)
    int maxRetries();

    /**
     * How long an unused connection to GitLab stays open for reuse. Keep it below the idle timeout of any load balancer
     * or proxy in between, which would otherwise reset the connection just as it is reused.
     */
    @WithDefault("30s")
    Duration idleConnectionTimeout();

    /** Largest page accepted; a larger answer is refused while it streams in, never held whole in memory. */
    @WithDefault("8M")
    @MemorySizeRange(min = "64K", max = "256M", groups = AtStart.class)
    MemorySize maxPageSize();

    /**
     * How a project's jobs list is paged. {@code keyset} (GitLab 15.9+) reads the list after the last job of the page
     * before, so a job that finishes between two pages makes no other job skipped or read twice; a GitLab that refuses
     * or ignores it is read by offset instead, for the rest of the process, and the log says so once. {@code offset}
     * pages by number from the start (a job that finishes between two pages shifts the rest). Group listings are
     * always read by offset.
     */
    @WithDefault("keyset")
    Pagination pagination();

    /**
     * How a pool of GitLab's runners (runners, no tags) counts its pending jobs. {@code off}: the adapter models
     * GitLab's matcher from its REST reads of the runners, projects and refs. {@code graphql}: GitLab counts, by its
     * own matcher, through the GraphQL {@code Query.jobs(statuses: [PENDING], compatibleRunnerId:)} (an experiment
     * since GitLab 18.1, for administrators): one paged request per distinct runner matcher every
     * {@code adapter.poll-interval}. A GitLab or token that cannot answer it makes the pools count by the model again,
     * said once in the log, and GraphQL is tried again an hour later.
     */
    @WithDefault("off")
    String instanceCount();

    /** Whether {@link #instanceCount()} asks GitLab's GraphQL {@code Query.jobs} to count the pools of runners. */
    default boolean countsByGraphQl() {
        return "graphql".equals(instanceCount().strip());
    }

    /** TLS toward a self-managed GitLab. */
    Tls tls();

    /** An HTTP proxy between the adapter and GitLab. */
    Proxy proxy();

    /** How a list of GitLab's is read page by page. */
    enum Pagination {
        /** {@code pagination=keyset}: each page after the last job of the one before, named by a cursor. */
        KEYSET,
        /** {@code page=N}: each page by its number. */
        OFFSET
    }

    /** How GitLab's certificate is checked. */
    interface Tls {

        /** PEM file of CA certificates trusted in addition to the JVM's own (a private CA of a self-managed GitLab). */
        Optional<String> caFile();

        /** Trust any certificate and host name. Only for a lab: anyone on the path can then read the token. */
        @WithDefault("false")
        boolean insecure();
    }

    /** The proxy is used when {@code host} is set. */
    interface Proxy {

        Optional<String> host();

        @WithDefault("3128")
        @Range(min = 1, max = 65535, groups = AtStart.class)
        int port();

        Optional<String> username();

        /** Never logged. */
        Optional<String> password();

        /** Hosts reached without the proxy, separated by '|' (Java's http.nonProxyHosts syntax). */
        Optional<String> nonProxyHosts();
    }
}
