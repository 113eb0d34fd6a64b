package io.github.gitlabqueueadapter.api;

import io.github.gitlabqueueadapter.domain.QueueFilter;
import io.github.gitlabqueueadapter.domain.RunnerMatcher;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code tags}, {@code untagged} and {@code runners} from a request's query into a {@link QueueFilter}, the
 * same way however a value is spelled: {@code tags=}, {@code tags=,} and {@code tags=%20} are all a runner with no
 * tags. Without any of them the filter counts everything. Each is given once (a list is comma-separated); given twice,
 * or with a value that cannot be one, it is a 400 naming the parameter. Other parameters are not read here.
 */
final class FilterParams {

    /** Most tags or runner ids one request may name. */
    static final int MAX_ITEMS = 100;

    private static final int MAX_TAG_LENGTH = 255;
    private static final List<String> NAMES = List.of("tags", "untagged", "runners", "runner", "protected");

    private FilterParams() {}

    /** @param rawQuery the query as sent (percent-encoded), or null */
    static QueueFilter parse(String rawQuery) {
        return parse(given(rawQuery));
    }

    /** The filter of parameters {@link #given} read. */
    static QueueFilter parse(Map<String, String> given) {
        RunnerMatcher matcher = null;
        String tags = given.get("tags");
        String untagged = given.get("untagged");
        if (tags != null || untagged != null) {
            Set<String> tagSet = RunnerMatcher.parseTags(tags);
            if (tagSet.size() > MAX_ITEMS || tagSet.stream().anyMatch(t -> t.length() > MAX_TAG_LENGTH)) {
                throw ApiException.badRequest(
                        "tags: at most " + MAX_ITEMS + " tags of at most " + MAX_TAG_LENGTH + " characters");
            }
            if (tagSet.stream().anyMatch(t -> t.chars().anyMatch(Character::isISOControl))) {
                throw ApiException.badRequest("tags: a tag has no control characters");
            }
            matcher = new RunnerMatcher(tagSet, untagged == null || parseBoolean(untagged));
        }
        Set<Long> runnerIds = null;
        String runners = given.get("runners");
        if (runners != null) {
            runnerIds = new HashSet<>();
            for (String id : runners.split(",")) {
                if (!id.isBlank()) {
                    runnerIds.add(parseRunnerId(id.strip()));
                }
            }
            if (runnerIds.size() > MAX_ITEMS) {
                throw ApiException.badRequest("runners: at most " + MAX_ITEMS + " runner ids");
            }
        }
        return matcher == null && runnerIds == null ? QueueFilter.ALL : new QueueFilter(matcher, runnerIds);
    }

    /** The parameter, as a list of its one value or of none, for readers that take lists. */
    static List<String> listOf(Map<String, String> given, String name) {
        return given.containsKey(name) ? List.of(given.get(name)) : List.of();
    }

    /** The filter parameters the query gives, decoded, each at most once. */
    static Map<String, String> given(String rawQuery) {
        Map<String, String> given = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return given;
        }
        for (String part : rawQuery.split("&")) {
            int eq = part.indexOf('=');
            String name = decode(eq < 0 ? part : part.substring(0, eq), "the query");
            if (!NAMES.contains(name)) {
                continue;
            }
            String value = decode(eq < 0 ? "" : part.substring(eq + 1), name);
            if (given.put(name, value) != null) {
                throw ApiException.badRequest(name + ": give it once, as a comma-separated list (" + name + "="
                        + switch (name) {
                            case "untagged", "protected" -> "true";
                            case "runners" -> "17,18";
                            case "runner" -> "17";
                            default -> "docker,linux";
                        }
                        + ")");
            }
        }
        return given;
    }

    private static String decode(String raw, String name) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(name + ": not a well-formed percent-encoded value");
        }
    }

    private static boolean parseBoolean(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("untagged: true or false");
        };
    }

    private static long parseRunnerId(String id) {
        if (!id.matches("[1-9][0-9]{0,17}")) {
            throw ApiException.badRequest("runners: positive runner ids, comma-separated (runners=17,18)");
        }
        return Long.parseLong(id);
    }
}
