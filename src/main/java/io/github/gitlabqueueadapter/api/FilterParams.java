package io.github.gitlabqueueadapter.api;

import io.github.gitlabqueueadapter.domain.QueueFilter;
import io.github.gitlabqueueadapter.domain.RunnerMatcher;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads {@code tags}, {@code untagged} and {@code runners} from a query into a {@link QueueFilter}. Without any of
 * them the filter counts everything, as before filters existed. Repeated parameters are joined.
 */
final class FilterParams {

    /** Most tags or runner ids one request may name. */
    static final int MAX_ITEMS = 100;

    private static final int MAX_TAG_LENGTH = 255;

    private FilterParams() {}

    static QueueFilter parse(List<String> tags, List<String> untagged, List<String> runners) {
        RunnerMatcher matcher = null;
        if (!tags.isEmpty() || !untagged.isEmpty()) {
            Set<String> tagSet = RunnerMatcher.parseTags(String.join(",", tags));
            if (tagSet.size() > MAX_ITEMS || tagSet.stream().anyMatch(t -> t.length() > MAX_TAG_LENGTH)) {
                throw ApiException.badRequest(
                        "tags: at most " + MAX_ITEMS + " tags of at most " + MAX_TAG_LENGTH + " characters");
            }
            matcher = new RunnerMatcher(tagSet, untagged.isEmpty() || parseBoolean(untagged.get(untagged.size() - 1)));
        }
        Set<Long> runnerIds = null;
        if (!runners.isEmpty()) {
            runnerIds = new HashSet<>();
            for (String id : String.join(",", runners).split(",")) {
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
