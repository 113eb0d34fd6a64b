package io.github.gitlabqueueadapter.gitlab;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A project of a group, as {@code GET /groups/:id/projects?simple=true} lists it; other fields are ignored. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GitLabProject(
        long id, @JsonProperty("path_with_namespace") String pathWithNamespace) {}
