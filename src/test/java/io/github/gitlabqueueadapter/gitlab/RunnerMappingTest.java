package io.github.gitlabqueueadapter.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.RunnerSettings;
import io.github.gitlabqueueadapter.domain.RunnerType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GitLab's runner JSON as the runner rule reads it. */
class RunnerMappingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                // web_url of a group (BasicGroupDetails has no full_path) | its full path
                "https://gitlab.example.com/groups/acme | acme",
                "https://gitlab.example.com/groups/acme/web/ | acme/web",
                "https://example.com/gitlab/groups/acme/web | acme/web", // GitLab under a relative URL
                "https://gitlab.example.com/acme | null",
                "null | null"
            })
    void aGroupsPathComesFromItsWebUrl(String webUrl, String path) {
        assertEquals(path, RunnerMapping.pathOf(webUrl));
    }

    @Test
    void readsTheFieldsThatDecideWhichJobsARunnerTakes() {
        RunnerSettings group = RunnerMapping.toSettings(new GitLabRunnerDetails(
                17,
                List.of("docker", "linux"),
                false,
                "ref_protected",
                null,
                false, // GitLab before 14.8: active false is paused
                "group_type",
                null,
                List.of(new GitLabRunnerDetails.RunnerGroup(3, "https://gitlab.example.com/groups/Acme", null))));
        assertEquals(RunnerType.GROUP, group.type());
        assertEquals(Set.of("docker", "linux"), group.tags());
        assertFalse(group.runUntagged());
        assertTrue(group.refProtected());
        assertTrue(group.paused());
        assertEquals(Set.of("acme"), group.groupPaths());

        RunnerSettings project = RunnerMapping.toSettings(new GitLabRunnerDetails(
                18,
                null,
                null,
                "not_protected",
                false,
                true,
                "project_type",
                List.of(new GitLabProject(12, "Acme/App")),
                null));
        assertTrue(project.runUntagged(), "run_untagged absent: GitLab's default");
        assertFalse(project.refProtected());
        assertFalse(project.paused());
        assertEquals(Set.of(12L), project.projectIds());
        assertEquals(Set.of("acme/app"), project.projectPaths());

        assertThrows(
                GitLabException.class,
                () -> RunnerMapping.toSettings(
                        new GitLabRunnerDetails(19, null, null, null, null, null, "robot_type", null, null)));
    }
}
