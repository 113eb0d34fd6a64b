package io.github.gitlabqueueadapter.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.gitlabqueueadapter.support.WatchProfiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The guard cuts an attempt a quarter after {@code gitlab.timeout}, so that an attempt the HTTP client's own timeout
 * ends is never raced by the guard's interrupt: a late interrupt would fail the retry's backoff sleep, or the next
 * blocking call of the polling thread. A Quarkus test: SmallRye's guards need its container.
 */
@QuarkusTest
@TestProfile(WatchProfiles.GitLabReads.class)
class AttemptLimitTest {

    @ParameterizedTest(name = "gitlab.timeout {0} ms -> cut at {1} ms")
    @CsvSource({"100,200", "400,500", "1000,1250", "5000,6250", "8000,10000", "60000,62000"})
    void theGuardCutsAQuarterLaterWithinBounds(long timeoutMillis, long cutMillis) {
        assertEquals(Duration.ofMillis(cutMillis), ProjectGuards.attemptLimit(Duration.ofMillis(timeoutMillis)));
    }

    @Test
    void theLongestPollCountsEachAttemptAtItsCut() {
        // 3 attempts of 6.25 s, backoffs 250 + 500 ms, jitter 2 x 100 ms
        assertEquals(Duration.ofMillis(19_700), ProjectGuards.longestAttempts(Duration.ofSeconds(5), 2));
    }

    @Test
    void attemptsEndedByTheClientsTimeoutAreRetriedAndLeaveTheThreadUninterrupted() {
        Duration timeout = Duration.ofMillis(100);
        ProjectGuards guards = new ProjectGuards(timeout, 2, Duration.ofSeconds(1), () -> {});
        for (int round = 0; round < 4; round++) {
            AtomicInteger attempts = new AtomicInteger();
            GitLabException failure = assertThrows(GitLabException.class, () -> {
                try {
                    guards.forSingleReads().call(() -> {
                        attempts.incrementAndGet();
                        Thread.sleep(timeout.toMillis()); // as long as the HTTP client waits, then its timeout
                        throw new GitLabException(GitLabException.Kind.TIMEOUT, 0, "read timed out");
                    });
                } catch (Exception e) {
                    throw GitLabErrors.classify(e, timeout);
                }
            });
            assertEquals(GitLabException.Kind.TIMEOUT, failure.kind(), failure.getMessage());
            assertEquals(3, attempts.get(), "one attempt and gitlab.max-retries=2 retries");
            assertFalse(Thread.interrupted(), "no interrupt outlives the guarded call");
        }
    }
}
