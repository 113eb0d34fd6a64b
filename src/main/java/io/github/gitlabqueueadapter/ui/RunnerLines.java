package io.github.gitlabqueueadapter.ui;

import io.github.gitlabqueueadapter.query.PoolRunnersView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A pool's GitLab runners as the status card lists them: one line each, with the settings read and when. */
final class RunnerLines {

    private RunnerLines() {}

    /** One line per runner, or none for a queue that is not a pool of GitLab's runners. */
    static List<String> of(PoolRunnersView runners, Instant now) {
        if (runners == null) {
            return List.of();
        }
        return runners.runners().stream().map(runner -> line(runner, now)).toList();
    }

    private static String line(PoolRunnersView.Runner runner, Instant now) {
        StringBuilder line =
                new StringBuilder("#").append(runner.id()).append(' ').append(runner.state());
        if (runner.runnerType() != null) {
            line.append(": ")
                    .append(runner.runnerType())
                    .append(", tags ")
                    .append(runner.tags().isEmpty() ? "none" : String.join(",", runner.tags()))
                    .append(Boolean.TRUE.equals(runner.runUntagged()) ? ", runs untagged" : ", tagged jobs only")
                    .append("ref_protected".equals(runner.accessLevel()) ? ", protected refs only" : "");
        }
        if (runner.problem() != null) {
            line.append(" (").append(runner.problem()).append(')');
        }
        line.append(
                runner.readAt() == null
                        ? ", never read"
                        : ", read " + Chart.span(Duration.between(runner.readAt(), now)) + " ago");
        return line.toString();
    }
}
