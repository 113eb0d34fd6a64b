package io.github.gitlabqueueadapter.domain;

/**
 * GitLab's rule for whether a runner is handed a pending job (app/models/ci/runner.rb {@code matches_build?} and
 * {@code can_pick?}, lib/gitlab/ci/matching/runner_matcher.rb, app/services/ci/register_job_service.rb):
 *
 * <ol>
 *   <li>the runner is not paused;
 *   <li>tags: {@code (run_untagged || job has tags) && job.tags ⊆ runner.tags} (a job of unknown tags: not yet);
 *   <li>a {@code ref_protected} runner takes only jobs of protected refs (unknown protection: not yet);
 *   <li>scope: an instance runner takes jobs of projects with shared runners enabled; a group runner those of its
 *       group and subgroups, with group runners enabled; a project runner those of its projects.
 * </ol>
 *
 * Pure: everything it needs is passed in.
 */
public final class RunnerRule {

    private RunnerRule() {}

    /**
     * @param jobProtected whether the job's ref is protected; null when unknown
     */
    public static boolean takes(RunnerSettings runner, ProjectSettings project, JobState job, Boolean jobProtected) {
        if (runner.paused() || !job.tagsKnown() || !runner.matcher().takes(job.tags())) {
            return false;
        }
        if (runner.refProtected() && !Boolean.TRUE.equals(jobProtected)) {
            return false;
        }
        return inScope(runner, project);
    }

    /** Whether the runner may take jobs of the project at all. */
    public static boolean inScope(RunnerSettings runner, ProjectSettings project) {
        return switch (runner.type()) {
            case INSTANCE -> project.sharedRunners();
            case GROUP -> project.groupRunners() && runner.groupPaths().stream().anyMatch(project::inGroup);
            case PROJECT ->
                project.id() != null && runner.projectIds().contains(project.id())
                        || project.path() != null
                                && runner.projectPaths().contains(project.path().toLowerCase(java.util.Locale.ROOT));
        };
    }
}
