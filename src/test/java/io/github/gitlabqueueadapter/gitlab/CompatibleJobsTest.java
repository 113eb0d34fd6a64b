package io.github.gitlabqueueadapter.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How GitLab's GraphQL answers (HTTP 200 whatever the outcome) are read: a page of jobs, or a refusal (then
 * the pools count by the model).
 */
class CompatibleJobsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUNNER = "\"runner\":{\"id\":\"gid://gitlab/Ci::Runner/7\"}";
    private static final String NO_MORE = "\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null}";
    private static final String JOB = "{\"id\":\"gid://gitlab/Ci::Build/1\",\"status\":\"PENDING\",\"tags\":[],"
            + "\"queuedDuration\":1.5,\"project\":{\"id\":\"gid://gitlab/Project/5\",\"fullPath\":\"g/p\"}}";

    /** GitLab's answers, as its schema and graphql-ruby write them. */
    private static final Map<String, String> ANSWERS = Map.of(
            "a page",
            "{\"data\":{" + RUNNER + ",\"jobs\":{" + NO_MORE + ",\"nodes\":[" + JOB + "]}}}",
            "an empty page",
            "{\"data\":{" + RUNNER + ",\"jobs\":{" + NO_MORE + ",\"nodes\":[]}}}",
            "not an administrator",
            "{\"data\":{\"runner\":null,\"jobs\":{" + NO_MORE + ",\"nodes\":[]}}}",
            "no Query.jobs",
            "{\"errors\":[{\"message\":\"Field 'jobs' doesn't exist on type 'Query'\","
                    + "\"extensions\":{\"code\":\"undefinedField\"}}]}",
            "no compatibleRunnerId",
            "{\"errors\":[{\"message\":\"Field 'jobs' doesn't accept argument 'compatibleRunnerId'\","
                    + "\"extensions\":{\"code\":\"argumentNotAccepted\"}}]}",
            "jobs refused with an error",
            "{\"data\":{" + RUNNER + ",\"jobs\":null},\"errors\":[{\"message\":\"You don't have permission\"}]}",
            "no data at all",
            "{}");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a page                     | 1 job
            an empty page              | 0 jobs
            not an administrator       | refused: the token may not read runner 7
            no Query.jobs              | refused: GitLab's GraphQL has no Query.jobs
            no compatibleRunnerId      | refused: GitLab's GraphQL has no Query.jobs
            jobs refused with an error | refused: GitLab's GraphQL answered no Query.jobs: "You don't have permission"
            no data at all             | refused: GitLab's GraphQL answered no Query.jobs
            """)
    void readsAPageOrARefusal(String answer, String expected) throws Exception {
        String seen;
        try {
            GraphQlJobsAnswer.Jobs jobs =
                    CompatibleJobs.jobsOf(JSON.readValue(ANSWERS.get(answer), GraphQlJobsAnswer.class), 7);
            seen = jobs.nodes().size() + (jobs.nodes().size() == 1 ? " job" : " jobs");
        } catch (GitLabCountRefused e) {
            seen = "refused: " + e.getMessage();
        }
        assertEquals(expected, seen.startsWith(expected) ? expected : seen);
    }
}
