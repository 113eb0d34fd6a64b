package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZonedDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GitLab's policy periods, cron of five fields, against minutes of a known week (2026-12-07 is a Monday). */
class CronPeriodTest {

    @ParameterizedTest(name = "''{0}'' at {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            * * * * *            | 2026-12-07T03:17Z | true
            * 8-18 * * mon-fri   | 2026-12-07T08:00Z | true
            * 8-18 * * mon-fri   | 2026-12-07T18:59Z | true
            * 8-18 * * mon-fri   | 2026-12-07T19:00Z | false
            * 8-18 * * mon-fri   | 2026-12-07T07:59Z | false
            * 8-18 * * mon-fri   | 2026-12-12T10:00Z | false
            * 8-18 * * MON-FRI   | 2026-12-11T10:00Z | true
            * * * * sat,sun      | 2026-12-12T10:00Z | true
            * * * * sat,sun      | 2026-12-13T10:00Z | true
            * * * * sat,sun      | 2026-12-11T10:00Z | false
            * * * * 0            | 2026-12-13T10:00Z | true
            * * * * 7            | 2026-12-13T10:00Z | true
            * * * * 5-7          | 2026-12-13T10:00Z | true
            * * * * 1            | 2026-12-13T10:00Z | false
            */15 * * * *         | 2026-12-07T10:30Z | true
            */15 * * * *         | 2026-12-07T10:31Z | false
            5/20 * * * *         | 2026-12-07T10:45Z | true
            5/20 * * * *         | 2026-12-07T10:40Z | false
            0-30/10 9 * * *      | 2026-12-07T09:20Z | true
            0-30/10 9 * * *      | 2026-12-07T09:40Z | false
            0,30 * * * *         | 2026-12-07T09:30Z | true
            * * 24-26 dec *      | 2026-12-25T00:00Z | true
            * * 24-26 dec *      | 2026-11-25T00:00Z | false
            * * * jan-mar *      | 2026-02-02T00:00Z | true
            * * 1 * mon          | 2026-12-01T12:00Z | true
            * * 1 * mon          | 2026-12-07T12:00Z | true
            * * 1 * mon          | 2026-12-08T12:00Z | false
            """)
    void matchesTheMinute(String expression, String time, boolean matches) {
        assertEquals(matches, CronPeriod.parse(expression).matches(ZonedDateTime.parse(time)));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            ''                   | 0 fields
            * * * *              | 4 fields
            * * * * * *          | 6 fields
            sun                  | 1 fields
            60 * * * *           | minute '60'
            * 24 * * *           | hour '24'
            * * 0 * *            | day of month '0'
            * * * 13 *           | month '13'
            * * * * 8            | day of week '8'
            * * * * funday       | day of week 'funday'
            * 18-8 * * *         | runs backwards
            */0 * * * *          | minute '0'
            * * * * mon-         | day of week ''
            """)
    void refusesWhatIsNotCron(String expression, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CronPeriod.parse(expression));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
