package io.github.gitlabqueueadapter.domain;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A runner as GitLab describes it ({@code GET /runners/:id}): what decides which jobs it is handed.
 *
 * @param refProtected GitLab's {@code access_level: ref_protected}: it takes jobs of protected refs only
 * @param projectIds for a project runner, the projects it is assigned to (those the token may see)
 * @param projectPaths the same projects by full path
 * @param groupPaths for a group runner, its group's full path (lower case: GitLab's paths ignore case)
 */
public record RunnerSettings(
        long id,
        RunnerType type,
        Set<String> tags,
        boolean runUntagged,
        boolean refProtected,
        boolean paused,
        Set<Long> projectIds,
        Set<String> projectPaths,
        Set<String> groupPaths) {

    public RunnerSettings {
        tags = Set.copyOf(tags);
        projectIds = Set.copyOf(projectIds);
        projectPaths = lowerCase(projectPaths);
        groupPaths = lowerCase(groupPaths);
    }

    /**
     * A runner of the project with these tags that takes only protected refs: what a reader models with
     * {@code ?tags=...&protected=true} (id 0: no runner of GitLab's).
     */
    public static RunnerSettings protectedOnly(RunnerMatcher matcher, ProjectSettings project) {
        return new RunnerSettings(
                0,
                RunnerType.PROJECT,
                matcher.tags(),
                matcher.runUntagged(),
                true,
                false,
                project.id() == null ? Set.of() : Set.of(project.id()),
                project.path() == null ? Set.of() : Set.of(project.path()),
                Set.of());
    }

    /** Its tags and {@code run_untagged}, as the tag rule reads them. */
    public RunnerMatcher matcher() {
        return new RunnerMatcher(tags, runUntagged);
    }

    private static Set<String> lowerCase(Set<String> paths) {
        return paths.stream().map(p -> p.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
