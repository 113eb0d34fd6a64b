package io.github.gitlabqueueadapter.gitlab;

import io.github.gitlabqueueadapter.domain.JobLimits;
import io.github.gitlabqueueadapter.domain.JobState;
import java.util.List;

/**
 * All pages of one project's pending and running jobs, read in one poll.
 *
 * @param jobs each job once, even when it moved between pages while they were read
 * @param pages how many pages were requested
 * @param capped true when {@code adapter.max-pages} stopped the reading before the last page
 * @param outOfRange how many jobs GitLab listed with fields out of range ({@link JobLimits}), brought inside them
 * @param firstOutOfRange what was out of range in the first of those, or null
 * @param projectId GitLab's numeric id of the project, as its jobs' pipelines name it; null without jobs
 */
public record JobsFetch(
        List<JobState> jobs, int pages, boolean capped, int outOfRange, String firstOutOfRange, Long projectId) {

    /** A reading whose jobs were all in range. */
    public JobsFetch(List<JobState> jobs, int pages, boolean capped) {
        this(jobs, pages, capped, 0, null, null);
    }
}
