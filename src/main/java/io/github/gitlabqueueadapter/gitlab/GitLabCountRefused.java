package io.github.gitlabqueueadapter.gitlab;

/**
 * GitLab cannot count a pool's pending jobs by its own matcher for this token: its GraphQL has no
 * {@code Query.jobs(compatibleRunnerId:)} (before GitLab 18.1, or the experiment withdrawn), or refuses it to the token
 * (not an administrator's). Not a passing failure: asking again soon would get the same answer.
 */
public class GitLabCountRefused extends RuntimeException {

    public GitLabCountRefused(String reason) {
        super(reason, null, false, false);
    }
}
