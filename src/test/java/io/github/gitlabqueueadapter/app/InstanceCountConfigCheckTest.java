package io.github.gitlabqueueadapter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gitlabqueueadapter.support.TestConfigs;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** gitlab.instance-count is off or graphql; anything else stops the start with one line naming the key. */
class InstanceCountConfigCheckTest {

    @ParameterizedTest(name = "gitlab.instance-count={0}")
    @CsvSource(delimiter = '|', textBlock = """
            off     | ''
            graphql | ''
            GraphQL | gitlab.instance-count (env GITLAB_INSTANCE_COUNT): is 'GraphQL'; must be off or graphql
            rest    | gitlab.instance-count (env GITLAB_INSTANCE_COUNT): is 'rest'; must be off or graphql
            """)
    void isOffOrGraphQl(String value, String problem) {
        List<String> problems = ConfigCheck.problems(
                TestConfigs.gitlab("gitlab.token", "glpat-secret-value", "gitlab.instance-count", value),
                TestConfigs.adapter());
        assertEquals(problem.isEmpty() ? List.of() : List.of(problem), problems);
    }
}
