package io.github.gitlabqueueadapter.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import org.hibernate.validator.constraints.Range;

/** The webhook endpoint; off (404) until a secret is set. */
public interface WebhookConfig {

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
