package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which states count as polled for readiness: one tried within max-staleness, or one whose number may be served; a
 * state kept from long ago, neither, waits for a poll.
 */
class FirstPollRuleTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final ProjectRef PROJECT = ProjectRef.parse("group/app");
    /** Polled every 15 s (every 5 min while events arrive); a number older than 2 min is not served. */
    private static final PollCadence CADENCE = new PollCadence(
            Duration.ofSeconds(15), Duration.ofMinutes(5), Duration.ofSeconds(16), Duration.ofMinutes(2));

    private final FirstPollRule rule = new FirstPollRule(CADENCE);

    /**
     * Each row: the state (none, a good poll, a failed one, or a good poll followed by a failure, each so many
     * seconds before now) and whether it counts.
     */
    @ParameterizedTest(name = "{0} {1}s ago, then failed {2}s ago: counts {3}")
    @CsvSource(delimiter = '|', textBlock = """
            none   |      |      | false
            good   | 0    |      | true
            good   | 110  |      | true
            good   | 120  |      | true
            good   | 121  |      | false
            good   | 3600 |      | false
            failed |      | 0    | true
            failed |      | 120  | true
            failed |      | 121  | false
            good   | 3600 | 5    | true
            good   | 100  | 90   | true
            good   | 3600 | 1800 | false
            """)
    void countsATryWithinMaxStalenessOrANumberThatMayBeServed(
            String kind, Long goodAgo, Long failedAgo, boolean counts) {
        ProjectState state = null;
        if (!"none".equals(kind)) {
            state = ProjectState.unpolled(PROJECT);
            if (goodAgo != null) {
                state = state.withSuccess(new ProjectSnapshot(PROJECT, List.of(), NOW.minusSeconds(goodAgo), false, 1));
            }
            if (failedAgo != null) {
                state = state.withFailure(
                        new PollFailure("server_error", "GitLab answered 502", NOW.minusSeconds(failedAgo)));
            }
        }
        assertEquals(counts, rule.counts(state, NOW));
    }
}
