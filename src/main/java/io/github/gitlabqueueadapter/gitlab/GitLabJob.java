package io.github.gitlabqueueadapter.gitlab;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The fields of a GitLab job that the adapter reads; GitLab sends many more, which are ignored. {@code created_at}
 * is read as text: a time that cannot be read is one job's unknown creation, not a failed page. {@code ref} and
 * {@code tag} name the git ref (a branch, or a git tag when {@code tag}), whose protection GitLab says elsewhere.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GitLabJob(
        long id,
        String status,
        @JsonProperty("tag_list") List<String> tagList,
        GitLabRunner runner,
        @JsonProperty("queued_duration") Double queuedDuration,
        @JsonProperty("created_at") String createdAt,
        String ref,
        Boolean tag,
        Pipeline pipeline) {

    /** The job's pipeline: which project it belongs to, by GitLab's numeric id. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Pipeline(@JsonProperty("project_id") Long projectId) {}

    /** The runner of a running job; null while the job waits. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GitLabRunner(long id, String description) {}
}
