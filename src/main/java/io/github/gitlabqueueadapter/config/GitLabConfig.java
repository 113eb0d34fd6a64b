package io.github.gitlabqueueadapter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

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
    Duration timeout();

    /** Retries of one page request after a connection error, a timeout or a 5xx; never after a 4xx. */
    @WithDefault("2")
    int maxRetries();
}
