package io.github.gitlabqueueadapter.domain;

/**
 * The git ref a job runs for, as GitLab's jobs API lists it: {@code ref} and {@code tag} (whether it is a git tag).
 * Whether it is protected is GitLab's to say (see {@code RefProtection}).
 */
public record JobRef(String name, boolean tag) {

    /** Longest ref kept; a longer one is left unknown. */
    public static final int MAX_LENGTH = 1024;

    /** Interned: a few refs ({@code main}, release branches) name most jobs. */
    public JobRef {
        name = name == null ? null : name.intern();
    }

    /** The ref of a job, or null when GitLab sent none or one too long to keep. */
    public static JobRef of(String name, Boolean tag) {
        return name == null || name.isEmpty() || name.length() > MAX_LENGTH
                ? null
                : new JobRef(name, Boolean.TRUE.equals(tag));
    }
}
