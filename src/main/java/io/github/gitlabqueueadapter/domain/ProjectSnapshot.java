package io.github.gitlabqueueadapter.domain;

import java.time.Instant;
import java.util.List;

/**
 * What one successful poll saw of a project's pending and running jobs. Immutable: a newer snapshot replaces it whole.
 *
 * @param capped true when {@code adapter.max-pages} stopped the reading before GitLab's last page
 * @param pages how many pages were read
 */
public record ProjectSnapshot(ProjectRef project, List<JobState> jobs, Instant observedAt, boolean capped, int pages) {

    public ProjectSnapshot {
        jobs = List.copyOf(jobs);
    }
}
