package io.github.gitlabqueueadapter.gitlab;

import java.util.List;

/**
 * One page of jobs as GitLab sent it.
 *
 * @param nextPage GitLab's {@code X-Next-Page}, or 0 on the last page
 */
record JobsPage(List<GitLabJob> jobs, int nextPage) {
}
