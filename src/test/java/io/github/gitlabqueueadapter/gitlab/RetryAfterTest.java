package io.github.gitlabqueueadapter.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    @ParameterizedTest(name = "Retry-After={0} RateLimit-Reset={1} -> {2} s")
    @CsvSource(
            nullValues = "-",
            value = {
                "2, -, 2",
                "120, 1763632800, 120", // Retry-After wins
                "'Fri, 20 Nov 2026 10:00:30 GMT', -, 30", // an HTTP date
                "-, 1795168845, 45", // RateLimit-Reset, unix seconds (10:00:45)
                "soon, -, 60", // unreadable: GitLab's one-minute window
                "-, -, 60",
                "0, -, 1", // never a busy loop
                "99999, -, 3600"
            }) // never longer than an hour
    void readsHowLongToWait(String retryAfter, String reset, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), RetryAfter.of(retryAfter, reset, NOW));
    }
}
