package io.github.gitlabqueueadapter.gitlab;

import java.util.List;

/**
 * One page of a GitLab list as it was sent.
 *
 * @param nextPage GitLab's {@code X-Next-Page}, or 0 on the last page
 */
record Page<T>(List<T> items, int nextPage) {}
