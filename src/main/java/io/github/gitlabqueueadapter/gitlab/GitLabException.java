package io.github.gitlabqueueadapter.gitlab;

import java.time.Duration;

/**
 * A GitLab request that did not give a usable answer. The message is for people and never holds the token:
 * it is built here from the status and the kind, not from request headers.
 */
public class GitLabException extends RuntimeException {

    /** What went wrong, and whether trying again soon can help. */
    public enum Kind {
        UNAUTHORIZED("unauthorized", false),
        FORBIDDEN("forbidden", false),
        NOT_FOUND("not_found", false),
        RATE_LIMITED("rate_limited", false),
        CLIENT_ERROR("client_error", false),
        SERVER_ERROR("server_error", true),
        TIMEOUT("timeout", true),
        UNREACHABLE("unreachable", true),
        BAD_RESPONSE("bad_response", false),
        CIRCUIT_OPEN("circuit_open", false);

        private final String code;
        private final boolean retriable;

        Kind(String code, boolean retriable) {
            this.code = code;
            this.retriable = retriable;
        }

        /** A stable short name for JSON and logs. */
        public String code() {
            return code;
        }
    }

    private final Kind kind;
    private final int status;
    private final String retryAfterHeader;
    private final String rateLimitResetHeader;
    private final boolean keysetUnavailable;

    public GitLabException(Kind kind, int status, String message) {
        this(kind, status, message, null, null);
    }

    private GitLabException(
            Kind kind, int status, String message, String retryAfterHeader, String rateLimitResetHeader) {
        this(kind, status, message, retryAfterHeader, rateLimitResetHeader, false);
    }

    private GitLabException(
            Kind kind,
            int status,
            String message,
            String retryAfterHeader,
            String rateLimitResetHeader,
            boolean keysetUnavailable) {
        super(message, null, false, false);
        this.kind = kind;
        this.status = status;
        this.retryAfterHeader = retryAfterHeader;
        this.rateLimitResetHeader = rateLimitResetHeader;
        this.keysetUnavailable = keysetUnavailable;
    }

    /**
     * GitLab's answer to a keyset request it cannot page by keyset: {@code 405} (501 in its first releases) with
     * {@code {"error":"Keyset pagination is not yet available for this type of request"}}.
     */
    static GitLabException keysetUnavailable(int status) {
        return new GitLabException(
                Kind.CLIENT_ERROR,
                status,
                "GitLab answered " + status + ": keyset pagination is not available for this request",
                null,
                null,
                true);
    }

    /** Whether GitLab said that it cannot page this request by keyset: asking by offset can still succeed. */
    boolean keysetUnavailable() {
        return keysetUnavailable;
    }

    /**
     * A 429 as it came: its {@code Retry-After} and {@code RateLimit-Reset} headers (either may be null), read into a
     * wait by the page fetch on the application's clock ({@link #rateLimited(Duration)}).
     */
    static GitLabException tooManyRequests(String retryAfterHeader, String rateLimitResetHeader) {
        return new GitLabException(
                Kind.RATE_LIMITED,
                429,
                "GitLab answered 429 Too Many Requests",
                retryAfterHeader,
                rateLimitResetHeader);
    }

    String retryAfterHeader() {
        return retryAfterHeader;
    }

    String rateLimitResetHeader() {
        return rateLimitResetHeader;
    }

    /** A 429: every request to GitLab waits {@code retryAfter}. */
    static GitLabException rateLimited(Duration retryAfter) {
        return new GitLabException(
                Kind.RATE_LIMITED,
                429,
                "GitLab answered 429 Too Many Requests: every request waits " + retryAfter.toSeconds()
                        + " s as GitLab asked",
                null,
                null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status GitLab answered, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    public boolean retriable() {
        return kind.retriable;
    }

    /** Maps a non-2xx GitLab answer to the exception the poller acts on. */
    public static GitLabException forStatus(int status) {
        return switch (status) {
            case 401 ->
                new GitLabException(
                        Kind.UNAUTHORIZED,
                        status,
                        "GitLab answered 401 Unauthorized: the token is missing, wrong, revoked or expired");
            case 403 ->
                new GitLabException(
                        Kind.FORBIDDEN,
                        status,
                        "GitLab answered 403 Forbidden: the token lacks the read_api scope or the Reporter role on the"
                                + " project");
            case 404 ->
                new GitLabException(
                        Kind.NOT_FOUND,
                        status,
                        "GitLab answered 404 Not Found: no such project, or the token cannot see it");
            case 429 -> tooManyRequests(null, null);
            default ->
                status >= 500
                        ? new GitLabException(Kind.SERVER_ERROR, status, "GitLab answered " + status)
                        : new GitLabException(Kind.CLIENT_ERROR, status, "GitLab answered " + status);
        };
    }
}
