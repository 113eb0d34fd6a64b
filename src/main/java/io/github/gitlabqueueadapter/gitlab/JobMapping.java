package io.github.gitlabqueueadapter.gitlab;

import io.github.gitlabqueueadapter.domain.JobState;
import java.util.List;
import java.util.Objects;

/** Reduces GitLab's job to the fields the adapter keeps. */
final class JobMapping {

    private JobMapping() {}

    static JobState toState(GitLabJob job) {
        List<String> tags = job.tagList() == null
                ? List.of()
                : job.tagList().stream().filter(Objects::nonNull).toList();
        return new JobState(
                job.id(),
                job.status(),
                tags,
                job.runner() == null ? null : job.runner().id(),
                job.runner() == null ? null : job.runner().description(),
                job.queuedDuration(),
                job.createdAt() == null ? null : job.createdAt().toInstant());
    }
}
