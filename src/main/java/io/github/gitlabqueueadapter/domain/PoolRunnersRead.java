package io.github.gitlabqueueadapter.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A pool's runners as GitLab last described them, with its projects' facts: what the pool's count and its JSON read.
 *
 * @param readAt when this round of reads ended
 * @param scopeProblem for a pool that names only runners, why part of its runners' scope cannot be watched (an
 *     instance runner's is every project); null otherwise
 */
public record PoolRunnersRead(
        List<RunnerReading> runners, Map<ProjectRef, ProjectFacts> projects, Instant readAt, String scopeProblem) {

    public PoolRunnersRead {
        runners = List.copyOf(runners);
        projects = Map.copyOf(projects);
    }

    /** The runners that take jobs now, with the projects' facts. */
    public TakingRunners taking() {
        return new TakingRunners(
                runners.stream()
                        .map(RunnerReading::taking)
                        .filter(Objects::nonNull)
                        .toList(),
                projects);
    }

    /** The same reading saying why part of the runners' scope is not watched (null: nothing). */
    public PoolRunnersRead withScopeProblem(String problem) {
        return new PoolRunnersRead(runners, projects, readAt, problem);
    }

    /** The reading of one of the runners, or null when it is not one of them. */
    public RunnerReading runner(long id) {
        return runners.stream().filter(r -> r.id() == id).findFirst().orElse(null);
    }

    /** The same reading with one project's facts replaced. */
    public PoolRunnersRead withProject(ProjectRef project, ProjectFacts facts) {
        Map<ProjectRef, ProjectFacts> changed = new java.util.HashMap<>(projects);
        changed.put(project, facts);
        return new PoolRunnersRead(runners, changed, readAt, scopeProblem);
    }

    /** The projects of its project runners, by path where GitLab gave one: a pool that names only runners sums them. */
    public List<ProjectRef> ownProjects() {
        Set<ProjectRef> own = new LinkedHashSet<>();
        for (RunnerSettings runner : described(RunnerType.PROJECT)) {
            if (runner.projectPaths().isEmpty()) {
                runner.projectIds().stream().sorted().forEach(id -> own.add(ProjectRef.parse(String.valueOf(id))));
            } else {
                runner.projectPaths().stream().sorted().forEach(path -> own.add(ProjectRef.parse(path)));
            }
        }
        return List.copyOf(own);
    }

    /** The groups of its group runners (their subgroups included when listed). */
    public List<GroupRef> ownGroups() {
        Set<GroupRef> own = new LinkedHashSet<>();
        described(RunnerType.GROUP)
                .forEach(
                        runner -> runner.groupPaths().stream().sorted().forEach(path -> own.add(GroupRef.parse(path))));
        return List.copyOf(own);
    }

    /** The ids of its instance runners: their scope is every project, which no pool can watch. */
    public List<Long> instanceRunners() {
        return described(RunnerType.INSTANCE).stream().map(RunnerSettings::id).toList();
    }

    /** The runners of a type GitLab described, paused ones included (a pause does not move a pool's projects). */
    private List<RunnerSettings> described(RunnerType type) {
        return runners.stream()
                .map(RunnerReading::settings)
                .filter(Objects::nonNull)
                .filter(s -> s.type() == type)
                .toList();
    }

    /** Whether one of the runners that take jobs takes only protected refs. */
    public boolean protectedOnly() {
        return taking().runners().stream().anyMatch(RunnerSettings::refProtected);
    }

    /** Each runner that contributes nothing or may be out of date, with why; null when every runner is read fine. */
    public String problems() {
        List<String> lines = new ArrayList<>();
        if (scopeProblem != null) {
            lines.add(scopeProblem);
        }
        for (RunnerReading runner : runners) {
            if (runner.problem() != null) {
                lines.add("runner " + runner.id() + ": " + runner.problem());
            }
        }
        if (!runners.isEmpty() && taking().runners().isEmpty()) {
            lines.add(0, "none of the pool's runners takes jobs now, so nothing counts as pending");
        }
        return lines.isEmpty() ? null : String.join("; ", lines);
    }
}
