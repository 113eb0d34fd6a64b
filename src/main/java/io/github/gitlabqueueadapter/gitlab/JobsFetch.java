package io.github.gitlabqueueadapter.gitlab;

import io.github.gitlabqueueadapter.domain.JobState;
import java.util.List;

/**
 * All pages of one project's pending and running jobs, read in one poll.
 *
 * @param jobs each job once, even when it moved between pages while they were read
 * @param pages how many pages were requested
 * @param capped true when {@code adapter.max-pages} stopped the reading before the last page
 */
public record JobsFetch(List<JobState> jobs, int pages, boolean capped) {}
