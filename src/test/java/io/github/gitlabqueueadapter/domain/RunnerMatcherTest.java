package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GitLab's matching table: runner tags and run_untagged against a job's tags. */
class RunnerMatcherTest {

    @ParameterizedTest(name = "runner [{0}] run_untagged={1}, job [{2}] -> {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                // runner tags    | run_untagged | job tags        | takes
                "docker,linux     | true         | ''              | true", // untagged job, runner takes untagged
                "docker,linux     | false        | ''              | false", // untagged job, runner refuses untagged
                "''               | true         | ''              | true", // untagged runner, untagged job
                "''               | false        | ''              | false", // a runner that takes nothing untagged
                "''               | true         | docker          | false", // tagged job needs the tag
                "docker,linux     | false        | docker          | true", // subset
                "docker,linux     | false        | docker,linux    | true", // equal sets
                "docker           | true         | docker,linux    | false", // superset of the runner's tags
                "docker,linux,gpu | false        | linux,docker    | true", // order does not matter
                "docker           | true         | Docker          | false", // case matters (strict_case_match)
                "docker           | true         | docker,docker   | true"
            }) // a repeated tag is one tag
    void takesAJobWhenItsTagsAreASubset(String runnerTags, boolean runUntagged, String jobTags, boolean takes) {
        RunnerMatcher runner = new RunnerMatcher(RunnerMatcher.parseTags(runnerTags), runUntagged);
        assertEquals(takes, runner.takes(RunnerMatcher.parseTags(jobTags)));
    }

    @Test
    void readsATagListAsGitLabDoes() {
        assertEquals(Set.of("docker", "linux"), RunnerMatcher.parseTags(" docker , linux,,"));
        assertEquals(Set.of(), RunnerMatcher.parseTags(""));
        assertEquals(Set.of(), RunnerMatcher.parseTags(null));
        assertEquals(Set.of("Docker", "docker"), RunnerMatcher.parseTags("Docker,docker"));
    }
}
