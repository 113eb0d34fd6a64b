package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.support.Jobs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GitLab's whole rule for handing a pending job to a runner, as a table. The cases follow GitLab's own specs
 * (spec/lib/gitlab/ci/matching/runner_matcher_spec.rb, spec/models/ci/runner_spec.rb {@code #matches_build?} and
 * {@code #can_pick?}, spec/services/ci/register_job_service_spec.rb's shared, group and protected contexts), written
 * again here in our own terms. The job's project is {@code acme/web/app} (id 12) unless a row says otherwise.
 */
class RunnerRuleTest {

    @ParameterizedTest(
            name = "{0} runner [{1}] untagged={2} protected-only={3} paused={4} of {5}: {6} job [{9}] -> {11}")
    @CsvSource(
            delimiter = '|',
            value = {
                // type  | tags         | untagged | protected-only | paused | scope        | project       | shared |
                // group  | job tags     | job protected | takes | case
                // tags (runner_spec #can_pick?, runner_matcher_spec #matches?)
                // runner without tags takes a job without tags
                "PROJECT|''|true|false|false|12|acme/web/app|''|''|''|''|true",
                // runner without tags refuses a job with tags
                "PROJECT|''|true|false|false|12|acme/web/app|''|''|docker|''|false",
                // job tags a subset of the runner's
                "PROJECT|docker,linux|false|false|false|12|acme/web/app|''|''|docker|''|true",
                // runner with tags that does not run untagged refuses an untagged job
                "PROJECT|docker,linux|false|false|false|12|acme/web/app|''|''|''|''|false",
                // runner with tags that runs untagged takes an untagged job
                "PROJECT|docker,linux|true|false|false|12|acme/web/app|''|''|''|''|true",
                // job has a tag the runner lacks
                "PROJECT|docker|true|false|false|12|acme/web/app|''|''|docker,gpu|''|false",
                // tags compare with case
                "PROJECT|docker|true|false|false|12|acme/web/app|''|''|Docker|''|false",
                // paused (register_job_service_spec: a paused runner is handed nothing)
                // paused runner takes nothing
                "PROJECT|docker|true|false|true|12|acme/web/app|''|''|docker|''|false",
                // protected refs (runner_spec access_level, register_job_service_spec 'protected' contexts)
                // not_protected runner takes a protected job
                "PROJECT|''|true|false|false|12|acme/web/app|''|''|''|true|true",
                // not_protected runner takes an unprotected job
                "PROJECT|''|true|false|false|12|acme/web/app|''|''|''|false|true",
                // ref_protected runner takes a protected job
                "PROJECT|''|true|true|false|12|acme/web/app|''|''|''|true|true",
                // ref_protected runner refuses an unprotected job
                "PROJECT|''|true|true|false|12|acme/web/app|''|''|''|false|false",
                // ref_protected runner waits until the job's protection is known
                "PROJECT|''|true|true|false|12|acme/web/app|''|''|''|''|false",
                // project runners (register_job_service_spec: a project runner picks builds of its projects only)
                // project runner of another project
                "PROJECT|''|true|false|false|99|acme/web/app|''|''|''|''|false",
                // project runner assigned by path; paths ignore case
                "PROJECT|''|true|false|false|ACME/Web/App|acme/web/app|''|''|''|''|true",
                // shared and group runner settings do not concern project runners
                "PROJECT|''|true|false|false|12|acme/web/app|false|false|''|''|true",
                // instance runners (register_job_service_spec 'shared runner')
                // instance runner, shared runners enabled
                "INSTANCE|''|true|false|false|''|acme/web/app|true|''|''|''|true",
                // instance runner, shared runners disabled
                "INSTANCE|''|true|false|false|''|acme/web/app|false|''|''|''|false",
                // instance runner, setting unknown: GitLab's default (enabled)
                "INSTANCE|''|true|false|false|''|acme/web/app|''|''|''|''|true",
                // group runners (register_job_service_spec 'group runner', runner_spec group scope)
                // group runner, project in a subgroup
                "GROUP|''|true|false|false|acme|acme/web/app|''|true|''|''|true",
                // group runner, project in the group
                "GROUP|''|true|false|false|acme/web|acme/web/app|''|true|''|''|true",
                // a group named like the project is not its parent
                "GROUP|''|true|false|false|acme/web/app|acme/web/app|''|true|''|''|false",
                // group path is a prefix of a name, not a parent
                "GROUP|''|true|false|false|acme/we|acme/web/app|''|true|''|''|false",
                // group runner of another group
                "GROUP|''|true|false|false|other|acme/web/app|''|true|''|''|false",
                // group runners disabled in the project
                "GROUP|''|true|false|false|acme|acme/web/app|''|false|''|''|false",
                // group runners setting unknown: GitLab's default (enabled)
                "GROUP|''|true|false|false|acme|acme/web/app|''|''|''|''|true",
                // every rule met at once
                "GROUP|docker|false|true|false|acme|acme/web/app|''|''|docker|true|true",
            })
    void takesAJobByGitLabsRule(
            RunnerType type,
            String tags,
            boolean runUntagged,
            boolean protectedOnly,
            boolean paused,
            String scope,
            String projectPath,
            String shared,
            String group,
            String jobTags,
            String jobProtected,
            boolean takes) {
        Set<Long> projectIds = scope.matches("[0-9]+") ? Set.of(Long.parseLong(scope)) : Set.of();
        Set<String> projectPaths = type == RunnerType.PROJECT && !scope.matches("[0-9]+") ? Set.of(scope) : Set.of();
        Set<String> groups = type == RunnerType.GROUP ? Set.of(scope) : Set.of();
        RunnerSettings runner = new RunnerSettings(
                17,
                type,
                RunnerMatcher.parseTags(tags),
                runUntagged,
                protectedOnly,
                paused,
                projectIds,
                projectPaths,
                groups);
        ProjectSettings project = new ProjectSettings(12L, projectPath, flag(shared), flag(group));
        JobState job = Jobs.pending(1)
                .tags(List.copyOf(RunnerMatcher.parseTags(jobTags)))
                .queued(1.0)
                .build();
        assertEquals(takes, RunnerRule.takes(runner, project, job, flag(jobProtected)));
    }

    private static Boolean flag(String value) {
        return value.isEmpty() ? null : Boolean.valueOf(value);
    }

    @Test
    void aJobOfUnknownTagsIsTakenByNoRunnerUntilItsTagsAreRead() {
        RunnerSettings any =
                new RunnerSettings(1, RunnerType.INSTANCE, Set.of(), true, false, false, Set.of(), Set.of(), Set.of());
        JobState fromHook = Jobs.pending(1).queued(1.0).tagsUnknown().build();
        assertFalse(RunnerRule.takes(any, new ProjectSettings(1L, "a/b", true, true), fromHook, false));
    }

    @Test
    void aPoolTakesAJobWhenOneOfItsRunnersWould() {
        RunnerSettings docker = new RunnerSettings(
                1, RunnerType.PROJECT, Set.of("docker"), false, false, false, Set.of(12L), Set.of(), Set.of());
        RunnerSettings protectedGpu = new RunnerSettings(
                2, RunnerType.PROJECT, Set.of("gpu"), false, true, false, Set.of(12L), Set.of(), Set.of());
        ProjectRef app = ProjectRef.parse("acme/app");
        JobRef main = new JobRef("main", false);
        TakingRunners pool = new TakingRunners(
                List.of(docker, protectedGpu),
                Map.of(app, new ProjectFacts(new ProjectSettings(12L, "acme/app", true, true), Map.of(main, true))));
        assertTrue(pool.take(app, pending("docker", null)));
        assertTrue(pool.take(app, pending("gpu", main)), "a gpu job on a protected branch");
        assertFalse(pool.take(app, pending("gpu", new JobRef("feature", false))), "protection of feature unknown");
        assertFalse(pool.take(ProjectRef.parse("acme/other"), pending("docker", null)), "not the runners' project");
        assertFalse(new TakingRunners(List.of(), Map.of()).take(app, pending("docker", null)), "no runner: nothing");
    }

    private static JobState pending(String tag, JobRef ref) {
        return Jobs.pending(1).tags(tag).queued(1.0).ref(ref).build();
    }
}
