package io.github.gitlabqueueadapter.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code runner} (one of GitLab's runners, whose own settings count) and {@code protected} (the runner that
 * {@code tags} and {@code untagged} describe takes only protected refs) from a query. Either goes alone: a runner
 * read from GitLab brings its own tags and access level.
 */
final class RunnerParams {

    private RunnerParams() {}

    /** The runner id, or empty without {@code runner}. */
    static Optional<Long> runner(List<String> runner, List<String> tags, List<String> untagged, List<String> protect) {
        if (runner.isEmpty()) {
            return Optional.empty();
        }
        if (runner.size() > 1 || runner.get(0).contains(",")) {
            throw ApiException.badRequest("runner: one runner id (runner=17); runners=17,18 selects running jobs");
        }
        if (!tags.isEmpty() || !untagged.isEmpty() || !protect.isEmpty()) {
            throw ApiException.badRequest(
                    "runner: GitLab's runner brings its own tags, untagged and protected; give runner alone");
        }
        String id = runner.get(0).strip();
        if (!id.matches("[1-9][0-9]{0,17}")) {
            throw ApiException.badRequest("runner: a positive runner id (runner=17)");
        }
        return Optional.of(Long.parseLong(id));
    }

    /** Whether {@code protected=true}: the runner of {@code tags} takes only protected refs. */
    static boolean protectedOnly(List<String> protect) {
        if (protect.isEmpty()) {
            return false;
        }
        return switch (protect.get(protect.size() - 1).strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("protected: true or false");
        };
    }
}
