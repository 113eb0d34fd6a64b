package io.github.gitlabqueueadapter.gitlab;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A branch or git tag as {@code GET /projects/:id/repository/branches/:name} (or {@code tags/:name}) describes it:
 * {@code protected} is GitLab's own ProtectedBranch.protected? / ProtectedTag.protected? of its name.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GitLabGitRef(
        String name, @JsonProperty("protected") Boolean isProtected) {}
