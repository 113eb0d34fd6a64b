package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which runners are asked about: one of each distinct matcher, GitLab's key plus a project or group runner's scope. */
class RunnerMatchersTest {

    /**
     * A runner per item: {@code id:type:tags:untagged:protected:scope}, type i(nstance), g(roup) or p(roject), tags
     * joined by '+', scope a group path or project ids joined by '+'.
     */
    @ParameterizedTest(name = "{0}: asks {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1:i:docker:n:n                                  | 1
            1:i:docker:n:n 2:i:docker:n:n                    | 1
            2:i:docker:n:n 1:i:docker:n:n                    | 1
            1:i:docker+linux:n:n 2:i:linux+docker:n:n        | 1
            1:i:docker:n:n 2:i:docker:y:n                    | 1 2
            1:i:docker:n:n 2:i:docker:n:y                    | 1 2
            1:i:docker:n:n 2:i:docker+linux:n:n              | 1 2
            1:i:docker:n:n 2:g:docker:n:n:it                 | 1 2
            3:g:docker:n:n:it 4:g:docker:n:n:it              | 3
            3:g:docker:n:n:it 4:g:docker:n:n:other           | 3 4
            5:p:docker:n:n:501 6:p:docker:n:n:501            | 5
            5:p:docker:n:n:501 6:p:docker:n:n:502            | 5 6
            5:p:docker:n:n:501+502 6:p:docker:n:n:502+501    | 5
            5:p::y:n:501 6:p::y:n:501 7:p:docker:y:n:501     | 5 7
            """)
    void asksOneRunnerOfEachMatcher(String runners, String asked) {
        List<RunnerSettings> settings = new ArrayList<>();
        for (String runner : runners.trim().split(" +")) {
            settings.add(runner(runner.split(":", -1)));
        }
        assertEquals(
                asked,
                String.join(
                        " ",
                        RunnerMatchers.oneRunnerEach(settings).stream()
                                .map(String::valueOf)
                                .toList()));
    }

    private static RunnerSettings runner(String[] f) {
        RunnerType type = switch (f[1]) {
            case "i" -> RunnerType.INSTANCE;
            case "g" -> RunnerType.GROUP;
            default -> RunnerType.PROJECT;
        };
        Set<String> tags = f[2].isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(f[2].split("\\+")));
        String scope = f.length > 5 ? f[5] : "";
        return new RunnerSettings(
                Long.parseLong(f[0]),
                type,
                tags,
                f[3].equals("y"),
                f[4].equals("y"),
                false,
                type == RunnerType.PROJECT
                        ? Arrays.stream(scope.split("\\+"))
                                .map(Long::valueOf)
                                .collect(java.util.stream.Collectors.toSet())
                        : Set.of(),
                Set.of(),
                type == RunnerType.GROUP ? Set.of(scope) : Set.of());
    }
}
