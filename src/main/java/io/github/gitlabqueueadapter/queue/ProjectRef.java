package io.github.gitlabqueueadapter.queue;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A GitLab project as the user names it: a numeric id ({@code 42}) or a full path ({@code group/sub/app}).
 * Paths compare case-insensitively, as GitLab's routes do; {@link #name()} keeps the spelling the user gave.
 */
public record ProjectRef(String name) {

    /** Longest full path accepted; GitLab allows 255 characters a segment and 20 levels of subgroups. */
    public static final int MAX_LENGTH = 1024;

    private static final int MAX_SEGMENTS = 21;
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.\\-]{0,254}");

    /**
     * Parses a project exactly as given (configuration strips surrounding blanks before; a URL must not carry any).
     *
     * @throws IllegalArgumentException with a reason a user can act on
     */
    public static ProjectRef parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("a project must be a numeric id or a full path such as group/app, not empty");
        }
        String value = raw;
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a project path is at most " + MAX_LENGTH + " characters long");
        }
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (!ID.matcher(value).matches()) {
                throw new IllegalArgumentException("a numeric project id is a positive number of at most 18 digits");
            }
            return new ProjectRef(value);
        }
        String[] segments = value.split("/", -1);
        if (segments.length < 2 || segments.length > MAX_SEGMENTS) {
            throw new IllegalArgumentException("a project path is group/project with at most " + (MAX_SEGMENTS - 1)
                    + " levels of groups, or a numeric id");
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")
                    || segment.endsWith(".git") || segment.endsWith(".atom")) {
                throw new IllegalArgumentException("a project path has segments of letters, digits, '_', '-' and '.'"
                        + " (not '..', not ending in .git or .atom)");
            }
        }
        return new ProjectRef(value);
    }

    /** Whether GitLab knows this project by numeric id rather than by path. */
    public boolean isNumeric() {
        return ID.matcher(name).matches();
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
