package io.github.gitlabqueueadapter.domain;

import java.util.List;
import java.util.Map;

/**
 * The runners a queue stands for, as GitLab last described them, with what is known of the projects whose jobs they
 * may take: a pending job counts when at least one of them would be handed it ({@link RunnerRule}). A runner that could
 * not be read is not here: it takes nothing.
 */
public record TakingRunners(List<RunnerSettings> runners, Map<ProjectRef, ProjectFacts> projects) {

    /** The facts of a job whose project is not known: no project or group runner takes it. */
    private static final ProjectFacts NOWHERE = new ProjectFacts(new ProjectSettings(null, null, null, null), Map.of());

    public TakingRunners {
        runners = List.copyOf(runners);
        projects = Map.copyOf(projects);
    }

    /** Whether one of the runners would take the pending job of {@code project}. */
    public boolean take(ProjectRef project, JobState job) {
        if (runners.isEmpty()) {
            return false;
        }
        ProjectFacts facts = project == null ? NOWHERE : projects.getOrDefault(project, ProjectFacts.unknown(project));
        Boolean jobProtected = facts.isProtected(job);
        for (RunnerSettings runner : runners) {
            if (RunnerRule.takes(runner, facts.settings(), job, jobProtected)) {
                return true;
            }
        }
        return false;
    }
}
