package io.github.gitlabqueueadapter.poll;

import io.github.gitlabqueueadapter.gitlab.GitLabJob;
import io.github.gitlabqueueadapter.queue.JobState;

/** Reduces GitLab's job to the fields the adapter keeps. */
final class JobMapping {

    private JobMapping() {
    }

    static JobState toState(GitLabJob job) {
        return new JobState(job.id(), job.status(), job.tagList(),
                job.runner() == null ? null : job.runner().id(),
                job.runner() == null ? null : job.runner().description(),
                job.queuedDuration(),
                job.createdAt() == null ? null : job.createdAt().toInstant());
    }
}
