package io.github.gitlabqueueadapter.gitlab;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A project as {@code GET /projects/:id} describes it, the fields that decide which runners take its jobs; GitLab
 * sends {@code group_runners_enabled} only to a Maintainer, and either flag may be absent (null: unknown).
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GitLabProjectSettings(
        long id,
        @JsonProperty("path_with_namespace") String pathWithNamespace,
        @JsonProperty("shared_runners_enabled") Boolean sharedRunnersEnabled,
        @JsonProperty("group_runners_enabled") Boolean groupRunnersEnabled) {}
