package io.github.gitlabqueueadapter.domain;

import java.time.Instant;
import java.util.List;

/**
 * A GitLab job event reduced to what changes a queue.
 *
 * @param tags the job's own tags, or null when the GitLab sending it does not include them
 * @param runnerId the runner running it, or null
 */
public record JobEvent(
        long jobId,
        String status,
        List<String> tags,
        Long runnerId,
        String runnerDescription,
        Double queuedSeconds,
        Instant createdAt) {}
