package io.github.gitlabqueueadapter.domain;

/**
 * A GitLab job event reduced to what changes a queue: the job as the event shows it. GitLab's Job Hook carries no job
 * tags, so {@code job.tagsKnown()} is false unless the sending GitLab added them.
 */
public record JobEvent(JobState job) {

    public boolean tagsKnown() {
        return job.tagsKnown();
    }
}
