package io.github.gitlabqueueadapter.gitlab;

import java.util.List;

/**
 * One page of a GitLab list as it was sent.
 *
 * @param nextPage GitLab's {@code X-Next-Page}, or 0 when it names none
 * @param nextCursor on a keyset request, the cursor of GitLab's {@code Link: <...>; rel="next"}, or null when it names
 *     none
 */
record Page<T>(List<T> items, int nextPage, String nextCursor) {}
