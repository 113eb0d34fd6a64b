package io.github.gitlabqueueadapter.gitlab;

import io.github.gitlabqueueadapter.gitlab.GitLabException.Kind;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cursor of GitLab's {@code Link: <...>; rel="next"} on a keyset page. Only the {@code cursor} query parameter is
 * taken: the next request is the adapter's own, with its own query, to {@code gitlab.url}. The URL itself is never
 * followed (GitLab writes its own idea of its host there, and the token must not leave {@code gitlab.url}).
 */
final class LinkHeader {

    /** Longer than any Link GitLab writes for a page of jobs; a longer one is not read. */
    static final int MAX_CHARS = 8192;

    /** Longer than any cursor GitLab writes (base64 of the last id and a little JSON). */
    static final int MAX_CURSOR_CHARS = 1024;

    private static final Pattern REL = Pattern.compile("(?i);\\s*rel\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;,]+))");

    private LinkHeader() {}

    /**
     * @param page the page whose answer this is, for messages
     * @return the cursor of the link whose rel is {@code next}, or null when there is no such link, or it has no
     *     cursor (an offset link, {@code page=N})
     * @throws GitLabException when the header is too long, or the next link or its cursor cannot be read
     */
    static String nextCursor(String header, int page) {
        if (header == null || header.isBlank()) {
            return null;
        }
        if (header.length() > MAX_CHARS) {
            throw bad(page, "a Link header longer than " + MAX_CHARS + " characters");
        }
        int from = 0;
        while (true) {
            int open = header.indexOf('<', from);
            int close = open < 0 ? -1 : header.indexOf('>', open);
            if (close < 0) {
                return null;
            }
            int following = header.indexOf('<', close);
            String params = header.substring(close + 1, following < 0 ? header.length() : following);
            if (isNext(params)) {
                return cursorOf(header.substring(open + 1, close), page);
            }
            from = close + 1;
        }
    }

    private static boolean isNext(String params) {
        Matcher rel = REL.matcher(params);
        if (!rel.find()) {
            return false;
        }
        String values = rel.group(1) != null ? rel.group(1) : rel.group(2);
        for (String value : values.strip().split("\\s+")) {
            if (value.toLowerCase(Locale.ROOT).equals("next")) {
                return true;
            }
        }
        return false;
    }

    private static String cursorOf(String link, int page) {
        String query;
        try {
            query = URI.create(link.strip()).getRawQuery();
        } catch (IllegalArgumentException e) {
            throw bad(page, "a Link rel=\"next\" that is not a URL");
        }
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (name.equals("cursor")) {
                return checked(equals < 0 ? "" : pair.substring(equals + 1), page);
            }
        }
        return null;
    }

    private static String checked(String encoded, int page) {
        String cursor;
        try {
            cursor = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw bad(page, "a next-page cursor that is not URL-encoded");
        }
        if (cursor.isEmpty() || cursor.length() > MAX_CURSOR_CHARS) {
            throw bad(page, "an empty next-page cursor, or one longer than " + MAX_CURSOR_CHARS + " characters");
        }
        for (int i = 0; i < cursor.length(); i++) {
            char c = cursor.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw bad(page, "a next-page cursor with a character that is not printable ASCII");
            }
        }
        return cursor;
    }

    private static GitLabException bad(int page, String what) {
        return new GitLabException(Kind.BAD_RESPONSE, 200, "GitLab answered page " + page + " with " + what);
    }
}
