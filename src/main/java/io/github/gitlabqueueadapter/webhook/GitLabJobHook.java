package io.github.gitlabqueueadapter.webhook;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The fields of GitLab's Job Hook (doc/user/project/integrations/webhook_events.md, "Job events") the adapter reads.
 * {@code tags} (the job's own tags) is sent by newer GitLab only; {@code runner.tags} are the runner's, not the job's.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
record GitLabJobHook(
        @JsonProperty("object_kind") String objectKind,
        @JsonProperty("build_id") Long buildId,
        @JsonProperty("build_status") String buildStatus,
        @JsonProperty("build_queued_duration") Double buildQueuedDuration,
        @JsonProperty("build_created_at") String buildCreatedAt,
        @JsonProperty("project_id") Long projectId,
        Project project,
        Runner runner,
        List<String> tags) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Project(
            Long id, @JsonProperty("path_with_namespace") String pathWithNamespace) {}

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Runner(Long id, String description) {}
}
