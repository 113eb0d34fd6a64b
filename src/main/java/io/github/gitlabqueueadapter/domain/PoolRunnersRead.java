package io.github.gitlabqueueadapter.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pool's runners as GitLab last described them, with its projects' facts: what the pool's count and its JSON read.
 *
 * @param readAt when this round of reads ended
 */
public record PoolRunnersRead(List<RunnerReading> runners, Map<ProjectRef, ProjectFacts> projects, Instant readAt) {

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

    /** The reading of one of the runners, or null when it is not one of them. */
    public RunnerReading runner(long id) {
        return runners.stream().filter(r -> r.id() == id).findFirst().orElse(null);
    }

    /** The same reading with one project's facts replaced. */
    public PoolRunnersRead withProject(ProjectRef project, ProjectFacts facts) {
        Map<ProjectRef, ProjectFacts> changed = new java.util.HashMap<>(projects);
        changed.put(project, facts);
        return new PoolRunnersRead(runners, changed, readAt);
    }

    /** Whether one of the runners that take jobs takes only protected refs. */
    public boolean protectedOnly() {
        return taking().runners().stream().anyMatch(RunnerSettings::refProtected);
    }

    /** Each runner that contributes nothing or may be out of date, with why; null when every runner is read fine. */
    public String problems() {
        List<String> lines = new ArrayList<>();
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
