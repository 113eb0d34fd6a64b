package io.github.gitlabqueueadapter.domain;

import java.util.Locale;

/**
 * Something GitLab knows by a numeric id or a full path, as the user names it. Paths compare case-insensitively, as
 * GitLab's routes do; {@link #name()} keeps the spelling the user gave. Two refs are equal when they are of the same
 * kind and name the same thing.
 */
public abstract sealed class GitLabRef permits ProjectRef, GroupRef {

    private final String name;
    private final String key;

    GitLabRef(String name) {
        this.name = name;
        this.key = name.toLowerCase(Locale.ROOT);
    }

    /** As the user spelled it: a numeric id or a full path. */
    public String name() {
        return name;
    }

    /** The key under which it is found: the path in lower case, or the id. */
    public String key() {
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && key.equals(((GitLabRef) other).key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
