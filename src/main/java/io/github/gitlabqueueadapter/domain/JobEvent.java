package io.github.gitlabqueueadapter.domain;

/**
 * A GitLab job event reduced to what changes a queue: the job as the event shows it.
 *
 * @param tagsKnown whether the event carried the job's own tags; GitLab's Job Hook does not, so {@code job.tags()} is
 *     empty then and means "unknown", not "untagged"
 */
public record JobEvent(JobState job, boolean tagsKnown) {}
