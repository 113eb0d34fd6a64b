package io.github.gitlabqueueadapter.domain.announcements;

import io.github.gitlabqueueadapter.domain.EventMemory;
import io.github.gitlabqueueadapter.domain.ProjectRef;

/**
 * Announced when a job event could not be judged from what is remembered (the job may have finished long ago, see
 * {@link EventMemory#mayHaveFinished}): it was not counted, and the project is to be read from GitLab soon.
 */
public record JobEventDoubted(ProjectRef project, long jobId) {}
