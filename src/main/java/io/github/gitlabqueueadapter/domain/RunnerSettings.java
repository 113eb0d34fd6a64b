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

    /** Its tags and {@code run_untagged}, as the tag rule reads them. */
    public RunnerMatcher matcher() {
        return new RunnerMatcher(tags, runUntagged);
    }

    private static Set<String> lowerCase(Set<String> paths) {
        return paths.stream().map(p -> p.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
