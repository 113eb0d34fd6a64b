package io.github.gitlabqueueadapter.gitlab;

import io.github.gitlabqueueadapter.domain.ProjectSettings;
import io.github.gitlabqueueadapter.domain.RunnerMatcher;
import io.github.gitlabqueueadapter.domain.RunnerSettings;
import io.github.gitlabqueueadapter.domain.RunnerType;
import io.github.gitlabqueueadapter.gitlab.GitLabException.Kind;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Reduces GitLab's runner and project JSON to what the runner rule reads. */
final class RunnerMapping {

    private static final String GROUPS_ROUTE = "/groups/";

    private RunnerMapping() {}

    static RunnerSettings toSettings(GitLabRunnerDetails runner) {
        RunnerType type = RunnerType.ofCode(runner.runnerType())
                .orElseThrow(() -> new GitLabException(
                        Kind.BAD_RESPONSE,
                        200,
                        "GitLab answered runner " + runner.id() + " with an unknown runner_type"));
        Set<String> tags = new HashSet<>();
        nonNull(runner.tagList()).forEach(tag -> tags.addAll(RunnerMatcher.parseTags(tag)));
        Set<Long> projectIds = new HashSet<>();
        Set<String> projectPaths = new HashSet<>();
        for (GitLabProject project : nonNull(runner.projects())) {
            projectIds.add(project.id());
            if (project.pathWithNamespace() != null) {
                projectPaths.add(project.pathWithNamespace());
            }
        }
        Set<String> groupPaths = new HashSet<>();
        for (GitLabRunnerDetails.RunnerGroup group : nonNull(runner.groups())) {
            String path = group.fullPath() != null ? group.fullPath() : pathOf(group.webUrl());
            if (path != null) {
                groupPaths.add(path);
            }
        }
        boolean paused = runner.paused() != null ? runner.paused() : Boolean.FALSE.equals(runner.active());
        return new RunnerSettings(
                runner.id(),
                type,
                tags,
                !Boolean.FALSE.equals(runner.runUntagged()),
                "ref_protected".equals(runner.accessLevel()),
                paused,
                projectIds,
                projectPaths,
                groupPaths);
    }

    static ProjectSettings toSettings(GitLabProjectSettings project) {
        return new ProjectSettings(
                project.id(),
                project.pathWithNamespace(),
                project.sharedRunnersEnabled(),
                project.groupRunnersEnabled());
    }

    /** A group's full path from its {@code web_url} ({@code https://gitlab.example.com/groups/acme/web}). */
    static String pathOf(String webUrl) {
        if (webUrl == null) {
            return null;
        }
        int at = webUrl.indexOf(GROUPS_ROUTE);
        String path = at < 0 ? "" : webUrl.substring(at + GROUPS_ROUTE.length()).replaceAll("/+$", "");
        return path.isEmpty() ? null : path;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }
}
