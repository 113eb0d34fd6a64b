package io.github.gitlabqueueadapter.domain.announcements;

import io.github.gitlabqueueadapter.domain.JobState;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;

/**
 * Announced after a job event changed a project's stored state.
 *
 * @param job the job as the event showed it (GitLab's Job Hook: no tags, its final wait once it runs)
 */
public record JobEventApplied(ProjectRef project, ProjectState state, JobState job) {}
