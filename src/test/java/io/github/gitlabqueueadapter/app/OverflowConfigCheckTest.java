package io.github.gitlabqueueadapter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.support.TestConfigs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An overflow pool's keys stop the start with one line naming the key: a pool that does not exist, the pool itself, a
 * cycle, a key that says what it counts (its base pool's say it), no runners of its own, an overflow-after out of
 * bounds or without overflow-of.
 */
class OverflowConfigCheckTest {

    private static final GitLabConfig GITLAB = TestConfigs.gitlab("gitlab.token", "glpat-secret-value");
    private static final String SPOT = "adapter.pools.spot.";
    private static final String ON_DEMAND = "adapter.pools.on-demand.";

    /** The spot pool and its on-demand overflow, valid, with {@code more} keys and values added or replacing. */
    private static List<String> problems(String... more) {
        List<String> keys = new ArrayList<>(List.of(
                SPOT + "projects", "g/app",
                SPOT + "tags", "docker",
                SPOT + "runners", "17",
                ON_DEMAND + "overflow-of", "spot",
                ON_DEMAND + "runners", "42"));
        for (int i = 0; i < more.length; i += 2) {
            int at = keys.indexOf(more[i]);
            if (at >= 0) {
                keys.remove(at + 1);
                keys.remove(at);
            }
            if (!more[i + 1].equals("(none)")) {
                keys.add(more[i]);
                keys.add(more[i + 1]);
            }
        }
        return ConfigCheck.problems(GITLAB, TestConfigs.adapter(keys.toArray(String[]::new)));
    }

    @Test
    void spotFirstOnDemandOverflowIsValid() {
        assertEquals(List.of(), problems());
        assertEquals(List.of(), problems(ON_DEMAND + "overflow-after", "0s"));
        assertEquals(List.of(), problems(ON_DEMAND + "overflow-after", "1h"));
        assertEquals(
                List.of(),
                problems(
                        "adapter.pools.last-resort.overflow-of",
                        "on-demand",
                        "adapter.pools.last-resort.runners",
                        "99"),
                "a chain: last-resort overflows on-demand, which overflows spot");
    }

    /** Keys are under adapter.pools.; the line names {@code named} and gives {@code reason}. */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            on-demand.overflow-of    | gpu       | on-demand.overflow-of    | no pool named 'gpu' is configured
            on-demand.overflow-of    | on-demand | on-demand.overflow-of    | a pool cannot be its own overflow
            on-demand.overflow-of    | sp ot     | on-demand.overflow-of    | 'sp ot' is not a pool name
            on-demand.projects       | g/app     | on-demand.projects       | those of the pool it overflows (spot)
            on-demand.groups         | g         | on-demand.groups         | those of the pool it overflows (spot)
            on-demand.tags           | docker    | on-demand.tags           | those of the pool it overflows (spot)
            on-demand.run-untagged   | false     | on-demand.run-untagged   | those of the pool it overflows (spot)
            on-demand.runners        | (none)    | on-demand.runners        | names its own runners' ids
            on-demand.overflow-after | -1s       | on-demand.overflow-after | is PT-1S; 0s to 1h
            on-demand.overflow-after | 61m       | on-demand.overflow-after | is PT1H1M; 0s to 1h
            spot.overflow-after      | 90s       | spot.overflow-after      | without adapter.pools.spot.overflow-of
            """)
    void aBadOverflowKeyIsALineNamingIt(String key, String value, String named, String reason) {
        List<String> problems = problems("adapter.pools." + key, value);
        assertTrue(!problems.isEmpty(), key + "=" + value + " was accepted");
        String line = problems.get(0);
        assertTrue(line.startsWith("adapter.pools." + named + " (env "), line);
        assertTrue(line.contains(reason), line);
        assertEquals(1, problems.size(), problems.toString());
    }

    @Test
    void aCycleNamesTheOverflowOfOfEachPoolInIt() {
        List<String> problems = problems(
                "adapter.pools.a.overflow-of", "b",
                "adapter.pools.a.runners", "51",
                "adapter.pools.b.overflow-of", "a",
                "adapter.pools.b.runners", "52");
        assertEquals(
                List.of(
                        "adapter.pools.a.overflow-of (env ADAPTER_POOLS_A_OVERFLOW_OF): the overflow-of links make a"
                                + " cycle: a -> b -> a",
                        "adapter.pools.b.overflow-of (env ADAPTER_POOLS_B_OVERFLOW_OF): the overflow-of links make a"
                                + " cycle: b -> a -> b"),
                problems);
    }
}
