package io.github.gitlabqueueadapter.support;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.GitLabConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Plain configurations for tests that run without Quarkus. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public record GitLab(String url, Optional<String> token, Optional<String> tokenFile, Duration timeout, int maxRetries)
            implements GitLabConfig {
    }

    public record Adapter(Optional<List<String>> projects, Duration pollInterval, Duration maxStaleness, int maxPages,
            int pollConcurrency) implements AdapterConfig {
    }
}
