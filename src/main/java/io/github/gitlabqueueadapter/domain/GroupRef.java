package io.github.gitlabqueueadapter.domain;

/** A GitLab group as the user names it: a numeric id or a full path ({@code group}, {@code group/sub}). */
public final class GroupRef extends GitLabRef {

    private GroupRef(String name) {
        super(name);
    }

    /** @throws IllegalArgumentException with a reason a user can act on */
    public static GroupRef parse(String raw) {
        return new GroupRef(GitLabPath.check(raw, "group", 1));
    }
}
