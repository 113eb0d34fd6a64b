package io.github.gitlabqueueadapter.domain;

/** A GitLab project as the user names it: a numeric id ({@code 42}) or a full path ({@code group/sub/app}). */
public final class ProjectRef extends GitLabRef {

    private ProjectRef(String name) {
        super(name);
    }

    /**
     * Parses a project exactly as given (configuration strips surrounding blanks before; a URL must not carry any).
     *
     * @throws IllegalArgumentException with a reason a user can act on
     */
    public static ProjectRef parse(String raw) {
        return new ProjectRef(GitLabPath.check(raw, "project", 2));
    }
}
