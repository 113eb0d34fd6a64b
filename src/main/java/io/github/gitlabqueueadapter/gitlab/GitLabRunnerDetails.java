package io.github.gitlabqueueadapter.gitlab;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A runner as {@code GET /runners/:id} describes it (lib/api/entities/ci/runner_details.rb); other fields are ignored.
 * {@code paused} is GitLab 14.8+, {@code active} its older inverse. {@code projects} and {@code groups} list only
 * what the token may see.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GitLabRunnerDetails(
        long id,
        @JsonProperty("tag_list") List<String> tagList,
        @JsonProperty("run_untagged") Boolean runUntagged,
        @JsonProperty("access_level") String accessLevel,
        Boolean paused,
        Boolean active,
        @JsonProperty("runner_type") String runnerType,
        List<GitLabProject> projects,
        List<RunnerGroup> groups) {

    /** A group of a group runner ({@code BasicGroupDetails}: id, web_url, name; full_path where GitLab sends it). */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RunnerGroup(
            long id,
            @JsonProperty("web_url") String webUrl,
            @JsonProperty("full_path") String fullPath) {}
}
