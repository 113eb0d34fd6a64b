package io.github.gitlabqueueadapter.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runners that GitLab hands the same pending jobs, grouped, so that one of each group stands for all in a question to
 * GitLab. The key is that of GitLab's {@code Ci::Runner.runner_matchers} (app/models/ci/runner.rb, read for this):
 * runner type, {@code run_untagged}, {@code access_level} and the sorted tags (GitLab's key also has the CI minutes
 * cost factors and, lately, {@code allowed_plan_ids}, which only GitLab.com's quotas read and the REST API does not
 * send). GitLab applies that key within one project's runners; across a pool's projects, a project or group runner's
 * jobs also depend on its scope, so the key here holds a project runner's projects and a group runner's groups: two
 * instance runners with the same tags are one question, two project runners of different projects are two.
 */
public final class RunnerMatchers {

    private RunnerMatchers() {}

    /**
     * What decides the pending jobs GitLab hands a runner.
     *
     * @param tags sorted, as GitLab's {@code array_agg} of tag names is compared
     * @param projects for a project runner its projects (ids, and paths where GitLab gave them); empty otherwise
     * @param groups for a group runner its groups' paths; empty otherwise
     */
    public record Key(
            RunnerType type,
            boolean runUntagged,
            boolean refProtected,
            List<String> tags,
            Set<String> projects,
            Set<String> groups) {

        public Key {
            tags = List.copyOf(tags);
            projects = Set.copyOf(projects);
            groups = Set.copyOf(groups);
        }

        /** The key of a runner as GitLab described it. */
        public static Key of(RunnerSettings runner) {
            Set<String> projects = new TreeSet<>();
            if (runner.type() == RunnerType.PROJECT) {
                runner.projectIds().forEach(id -> projects.add(String.valueOf(id)));
                projects.addAll(runner.projectPaths());
            }
            return new Key(
                    runner.type(),
                    runner.runUntagged(),
                    runner.refProtected(),
                    List.copyOf(new TreeSet<>(runner.tags())),
                    projects,
                    runner.type() == RunnerType.GROUP ? runner.groupPaths() : Set.of());
        }
    }

    /**
     * One runner of each distinct key (the lowest id), in the order of their ids: the runners to ask GitLab about.
     * Paused runners and runners not read are not passed in: GitLab hands them nothing.
     */
    public static List<Long> oneRunnerEach(List<RunnerSettings> runners) {
        Map<Key, Long> chosen = new HashMap<>();
        for (RunnerSettings runner : runners) {
            chosen.merge(Key.of(runner), runner.id(), Math::min);
        }
        return chosen.values().stream().sorted().toList();
    }
}
