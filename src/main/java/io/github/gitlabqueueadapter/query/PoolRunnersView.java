package io.github.gitlabqueueadapter.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.gitlabqueueadapter.domain.PoolRunnersRead;
import io.github.gitlabqueueadapter.domain.ProjectFacts;
import io.github.gitlabqueueadapter.domain.RunnerReading;
import io.github.gitlabqueueadapter.domain.RunnerSettings;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A pool's GitLab runners as its JSON shows them: each runner with the settings GitLab gave and when, the settings of
 * the pool's projects, and what keeps a runner from contributing.
 *
 * @param readAt when the runners were last read
 * @param problems each runner that contributes nothing (paused, unknown, unreadable) or may be out of date; absent
 *     when none
 * @param protectedRefs present when a runner takes only protected refs: how a job's protection is known, and where
 *     that is an approximation
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PoolRunnersView(
        List<Runner> runners, List<Project> projects, Instant readAt, String problems, String protectedRefs) {

    static final String PROTECTION = "a job's ref counts as protected when GitLab says its branch or tag is protected"
            + " now (GET /projects/:id/repository/branches/:ref or tags/:ref, read after the poll that first lists"
            + " it and every adapter.runner-refresh);"
            + " GitLab fixed the job's own flag when its pipeline was created, so a protection changed since counts"
            + " as it is now, and a ref not read yet (a job a Job Hook added, a ref deleted since) is not counted";

    /**
     * One runner: {@code state} is {@code ok}, {@code paused}, {@code unknown} (404), {@code unreadable} (401/403),
     * {@code failed} (counted as read before) or {@code unread}; the settings are absent when none were ever read.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Runner(
            long id,
            String state,
            String runnerType,
            List<String> tags,
            Boolean runUntagged,
            String accessLevel,
            List<Long> projects,
            List<String> groups,
            Instant readAt,
            String problem) {

        static Runner of(RunnerReading reading) {
            RunnerSettings s = reading.settings();
            return new Runner(
                    reading.id(),
                    reading.state().code(),
                    s == null ? null : s.type().code(),
                    s == null ? null : s.tags().stream().sorted().toList(),
                    s == null ? null : s.runUntagged(),
                    s == null ? null : s.refProtected() ? "ref_protected" : "not_protected",
                    s == null || s.projectIds().isEmpty()
                            ? null
                            : s.projectIds().stream().sorted().toList(),
                    s == null || s.groupPaths().isEmpty()
                            ? null
                            : s.groupPaths().stream().sorted().toList(),
                    reading.readAt(),
                    reading.problem());
        }
    }

    /** A project's runner settings: {@code true}, {@code false}, or {@code unknown} (counted as GitLab's default). */
    @RegisterForReflection
    public record Project(String project, String sharedRunnersEnabled, String groupRunnersEnabled) {

        static Project of(String name, ProjectFacts facts) {
            return new Project(
                    name,
                    said(facts.settings().sharedRunnersEnabled()),
                    said(facts.settings().groupRunnersEnabled()));
        }

        private static String said(Boolean flag) {
            return flag == null ? "unknown" : flag.toString();
        }
    }

    public static PoolRunnersView of(PoolRunnersRead read) {
        return new PoolRunnersView(
                read.runners().stream().map(Runner::of).toList(),
                read.projects().entrySet().stream()
                        .map(e -> Project.of(e.getKey().name(), e.getValue()))
                        .sorted(Comparator.comparing(Project::project))
                        .toList(),
                read.readAt(),
                read.problems(),
                read.protectedOnly() ? PROTECTION : null);
    }
}
