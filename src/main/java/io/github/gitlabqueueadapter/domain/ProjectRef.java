package io.github.gitlabqueueadapter.domain;

import java.util.Locale;

/**
 * A GitLab project as the user names it: a numeric id ({@code 42}) or a full path ({@code group/sub/app}).
 * Paths compare case-insensitively, as GitLab's routes do; {@link #name()} keeps the spelling the user gave.
 */
public record ProjectRef(String name) {

    /** Longest full path accepted. */
    public static final int MAX_LENGTH = GitLabPath.MAX_LENGTH;

    /**
     * Parses a project exactly as given (configuration strips surrounding blanks before; a URL must not carry any).
     *
     * @throws IllegalArgumentException with a reason a user can act on
     */
    public static ProjectRef parse(String raw) {
        return new ProjectRef(GitLabPath.check(raw, "project", 2));
    }

    /** Whether GitLab knows this project by numeric id rather than by path. */
    public boolean isNumeric() {
        return GitLabPath.ID.matcher(name).matches();
    }

    /** The key under which the project is found: the path in lower case, or the id. */
    public String key() {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProjectRef that && key().equals(that.key());
    }

    @Override
    public int hashCode() {
        return key().hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
