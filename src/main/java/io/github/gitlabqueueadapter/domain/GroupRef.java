package io.github.gitlabqueueadapter.domain;

import java.util.Locale;

/** A GitLab group as the user names it: a numeric id or a full path ({@code group}, {@code group/sub}). */
public record GroupRef(String name) {

    /** @throws IllegalArgumentException with a reason a user can act on */
    public static GroupRef parse(String raw) {
        return new GroupRef(GitLabPath.check(raw, "group", 1));
    }

    public String key() {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GroupRef that && key().equals(that.key());
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
