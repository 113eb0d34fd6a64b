package io.github.gitlabqueueadapter.gitlab;

/**
 * Which page of a list to ask GitLab for.
 *
 * @param number the page's number: what {@code page=} asks for on offset paging, and the count of pages read so far
 *     plus one on keyset paging (for messages)
 * @param keyset whether the page is asked for by keyset ({@code pagination=keyset})
 * @param cursor on keyset paging, the cursor GitLab named for this page; null for the first page
 */
record PageRequest(int number, boolean keyset, String cursor) {

    static final PageRequest FIRST_BY_OFFSET = new PageRequest(1, false, null);
    static final PageRequest FIRST_BY_KEYSET = new PageRequest(1, true, null);
}
