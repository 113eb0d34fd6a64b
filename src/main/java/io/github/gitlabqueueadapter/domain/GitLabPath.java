package io.github.gitlabqueueadapter.domain;

import java.util.regex.Pattern;

/** The shape of what GitLab names by id or full path (projects, groups), checked before it reaches a URL. */
final class GitLabPath {

    /** Longest full path accepted; GitLab allows 255 characters a segment and 20 levels of subgroups. */
    static final int MAX_LENGTH = 1024;

    private static final int MAX_SEGMENTS = 21;
    /** A positive id of GitLab's id type (bigint): at most 19 digits, at most {@link Long#MAX_VALUE}. */
    static final Pattern ID = Pattern.compile("[1-9][0-9]{0,18}");

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.\\-]{0,254}");

    private GitLabPath() {}

    /**
     * Returns {@code raw} when it is a positive id or a full path of at least {@code minSegments} segments.
     *
     * @param what "project" or "group", for the message
     * @throws IllegalArgumentException with a reason a user can act on
     */
    static String check(String raw, String what, int minSegments) {
        String example = minSegments > 1 ? "group/app" : "group or group/sub";
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException(
                    "a " + what + " must be a numeric id or a full path such as " + example + ", not empty");
        }
        if (raw.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a " + what + " path is at most " + MAX_LENGTH + " characters long");
        }
        if (raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (!ID.matcher(raw).matches() || raw.length() == 19 && raw.compareTo(String.valueOf(Long.MAX_VALUE)) > 0) {
                throw new IllegalArgumentException(
                        "a numeric " + what + " id is a positive number of at most " + Long.MAX_VALUE);
            }
            return raw;
        }
        String[] segments = raw.split("/", -1);
        if (segments.length < minSegments || segments.length > MAX_SEGMENTS) {
            throw new IllegalArgumentException("a " + what + " path is " + example + " with at most "
                    + (MAX_SEGMENTS - 1) + " levels of groups, or a numeric id");
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()
                    || segment.equals(".")
                    || segment.equals("..")
                    || segment.endsWith(".git")
                    || segment.endsWith(".atom")) {
                throw new IllegalArgumentException(
                        "a " + what + " path has segments of letters, digits, '_', '-' and '.'"
                                + " (not '..', not ending in .git or .atom)");
            }
        }
        return raw;
    }
}
