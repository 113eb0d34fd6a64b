package io.github.gitlabqueueadapter.domain;

import java.time.Instant;
import java.util.List;

/**
 * One CI job as the adapter keeps it: enough to answer status, tag and runner questions without asking GitLab again.
 *
 * @param queuedSeconds how long the job had waited when it was observed (GitLab's {@code queued_duration}), or null
 * @param createdAt when GitLab created the job, or null; used when {@code queuedSeconds} is missing
 * @param runnerId the runner that runs the job, or null while it waits
 */
public record JobState(
        long id,
        String status,
        List<String> tags,
        Long runnerId,
        String runnerDescription,
        Double queuedSeconds,
        Instant createdAt) {

    public static final String PENDING = "pending";
    public static final String RUNNING = "running";

    public JobState {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public boolean isPending() {
        return PENDING.equals(status);
    }

    public boolean isRunning() {
        return RUNNING.equals(status);
    }
}
