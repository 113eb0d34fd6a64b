package io.github.gitlabqueueadapter.support;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Plain configurations for tests that run without Quarkus. */
public final class TestConfigs {

    private TestConfigs() {}

    public record GitLab(
            String url,
            Optional<String> token,
            Optional<String> tokenFile,
            Duration timeout,
            int maxRetries,
            int requestsPerMinute,
            Duration idleConnectionTimeout,
            MemorySize maxPageSize,
            Tls tls,
            Proxy proxy)
            implements GitLabConfig {

        public GitLab(
                String url, Optional<String> token, Optional<String> tokenFile, Duration timeout, int maxRetries) {
            this(
                    url,
                    token,
                    tokenFile,
                    timeout,
                    maxRetries,
                    500,
                    Duration.ofSeconds(30),
                    new MemorySize(BigInteger.valueOf(8L << 20)),
                    new TestConfigs.Tls(Optional.empty(), false),
                    new TestConfigs.Proxy(
                            Optional.empty(), 3128, Optional.empty(), Optional.empty(), Optional.empty()));
        }

        public GitLab withProxy(Proxy proxy) {
            return new GitLab(
                    url,
                    token,
                    tokenFile,
                    timeout,
                    maxRetries,
                    requestsPerMinute,
                    idleConnectionTimeout,
                    maxPageSize,
                    tls,
                    proxy);
        }

        public GitLab withTls(Tls tls) {
            return new GitLab(
                    url,
                    token,
                    tokenFile,
                    timeout,
                    maxRetries,
                    requestsPerMinute,
                    idleConnectionTimeout,
                    maxPageSize,
                    tls,
                    proxy);
        }
    }

    public record Tls(Optional<String> caFile, boolean insecure) implements GitLabConfig.Tls {}

    public record Proxy(
            Optional<String> host,
            int port,
            Optional<String> username,
            Optional<String> password,
            Optional<String> nonProxyHosts)
            implements GitLabConfig.Proxy {}

    public record Adapter(
            Optional<List<String>> projects,
            Optional<List<String>> groups,
            Duration groupRefresh,
            int maxGroupProjects,
            Duration pollInterval,
            Duration maxStaleness,
            int maxPages,
            int pollConcurrency,
            Auth auth,
            Map<String, AdapterConfig.Pool> pools)
            implements AdapterConfig {

        @Override
        public AdapterConfig.History history() {
            return new TestConfigs.History(Duration.ofHours(6), 2160, 50, 8);
        }

        @Override
        public AdapterConfig.Forecast forecast() {
            return new TestConfigs.Forecast(Duration.ofMinutes(2), Duration.ofMinutes(10));
        }

        @Override
        public AdapterConfig.Webhook webhook() {
            return new TestConfigs.Webhook(Optional.empty(), new MemorySize(BigInteger.valueOf(1L << 20)), 10000);
        }

        public Adapter(
                Optional<List<String>> projects,
                Duration pollInterval,
                Duration maxStaleness,
                int maxPages,
                int pollConcurrency) {
            this(
                    projects,
                    Optional.empty(),
                    Duration.ofMinutes(5),
                    1000,
                    pollInterval,
                    maxStaleness,
                    maxPages,
                    pollConcurrency,
                    TestConfigs.auth(List.of(), null, null),
                    Map.of());
        }

        public Adapter withAuth(Auth auth) {
            return new Adapter(
                    projects,
                    groups,
                    groupRefresh,
                    maxGroupProjects,
                    pollInterval,
                    maxStaleness,
                    maxPages,
                    pollConcurrency,
                    auth,
                    pools);
        }

        public Adapter withPools(Map<String, AdapterConfig.Pool> pools) {
            return new Adapter(
                    projects,
                    groups,
                    groupRefresh,
                    maxGroupProjects,
                    pollInterval,
                    maxStaleness,
                    maxPages,
                    pollConcurrency,
                    auth,
                    pools);
        }

        public Adapter withGroups(List<String> groups) {
            return new Adapter(
                    projects,
                    Optional.of(groups),
                    groupRefresh,
                    maxGroupProjects,
                    pollInterval,
                    maxStaleness,
                    maxPages,
                    pollConcurrency,
                    auth,
                    pools);
        }
    }

    public record History(Duration retention, int maxSamples, int maxRunners, int maxReaders)
            implements AdapterConfig.History {}

    public record Forecast(Duration horizon, Duration window) implements AdapterConfig.Forecast {}

    public record Webhook(Optional<String> secret, MemorySize maxBodySize, int rememberedEvents)
            implements AdapterConfig.Webhook {}

    public record Pool(
            Optional<List<String>> projects,
            Optional<List<String>> groups,
            Optional<List<String>> tags,
            Optional<Boolean> runUntagged,
            Optional<List<Long>> runners)
            implements AdapterConfig.Pool {}

    public record Auth(
            Optional<List<String>> apiKeys,
            String headerName,
            String queryParam,
            AdapterConfig.Basic basic,
            boolean protectManagement)
            implements AdapterConfig.Auth {}

    public record Basic(Optional<String> username, Optional<String> password) implements AdapterConfig.Basic {}

    /** Auth with these keys and, when both are given, Basic credentials; default header and parameter names. */
    public static Auth auth(List<String> keys, String user, String password) {
        return new Auth(
                keys.isEmpty() ? Optional.empty() : Optional.of(keys),
                "X-API-KEY",
                "api_key",
                new Basic(Optional.ofNullable(user), Optional.ofNullable(password)),
                false);
    }
}
