package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Capacity goes up at once and down only after idle-time without need: a run of readings over time, as a table. */
class LingerTest {

    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    /**
     * Each row is one run: needs and the counts held, one reading a minute from START, with the idle-time in minutes.
     */
    @ParameterizedTest(name = "idle-time {0}m, needs {1}: held {2}")
    @CsvSource(delimiter = '|', textBlock = """
            5 | 0 2 4 1 1 1 1 1 1 0   | 0 2 4 4 4 4 4 1 1 1
            5 | 3 3 3 3 3             | 3 3 3 3 3
            5 | 4 0 0 0 4 0 0 0 0 0 0 | 4 4 4 4 4 4 4 4 4 0 0
            0 | 4 0 2 1 5 0           | 4 0 2 1 5 0
            2 | 6 5 4 3 2 1           | 6 6 4 4 2 2
            """)
    void holdsTheNeedForIdleTime(int idleMinutes, String needs, String held) {
        String[] need = needs.split(" ");
        Duration idleTime = Duration.ofMinutes(idleMinutes);
        Linger linger = Linger.start(START, Integer.parseInt(need[0]));
        StringBuilder seen = new StringBuilder().append(linger.held());
        for (int minute = 1; minute < need.length; minute++) {
            linger = linger.next(START.plusSeconds(60L * minute), Integer.parseInt(need[minute]), idleTime);
            seen.append(' ').append(linger.held());
        }
        assertEquals(held, seen.toString());
    }
}
