package io.github.gitlabqueueadapter.domain;

import java.time.Instant;
import java.util.List;

/**
 * What one successful poll saw of a project's pending and running jobs. Immutable: a newer snapshot replaces it whole.
 *
 * @param observedAt when GitLab's answer was complete
 * @param capped true when {@code adapter.max-pages} stopped the reading before GitLab's last page
 * @param pages how many pages were read
 * @param startedAt when the poll began asking GitLab: what it lists is at least as new as this
 */
public record ProjectSnapshot(
        ProjectRef project, List<JobState> jobs, Instant observedAt, boolean capped, int pages, Instant startedAt) {

    public ProjectSnapshot {
        jobs = List.copyOf(jobs);
    }

    /** A snapshot read in no time: begun and complete at {@code observedAt}. */
    public ProjectSnapshot(ProjectRef project, List<JobState> jobs, Instant observedAt, boolean capped, int pages) {
        this(project, jobs, observedAt, capped, pages, observedAt);
    }

    /** The same reading, marked as listing only some of the jobs. */
    public ProjectSnapshot asCapped() {
        return capped ? this : new ProjectSnapshot(project, jobs, observedAt, true, pages, startedAt);
    }

    /** The same reading with other jobs (a job event moved one). */
    public ProjectSnapshot withJobs(List<JobState> changed) {
        return new ProjectSnapshot(project, changed, observedAt, capped, pages, startedAt);
    }
}
