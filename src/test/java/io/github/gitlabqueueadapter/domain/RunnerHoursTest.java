package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A pool's runner timeline, as readings, gives each day's runner-hours: a table of timelines and their days. */
class RunnerHoursTest {

    private static final RunnerHours.Limits UTC_14 = new RunnerHours.Limits(ZoneId.of("UTC"), 14);

    /**
     * Each row is one timeline: readings {@code DDTHH:MM busy provisioned} of December 2026 ({@code 3} from desired,
     * {@code 3k} from KEDA, {@code -} unknown), and the days kept, newest first, in runner-minutes: {@code date
     * tallied/busy/provisioned/idle source}.
     */
    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            14 | UTC | 07T10:00 2 3                                        | ""
            14 | UTC | 07T10:00 2 3, 07T10:05 2 3, 07T10:10 0 3              | 07 10/20/30/10 desired
            14 | UTC | 07T23:58 1 2, 08T00:02 1 2, 08T00:03 0 0              | 08 3/3/6/3 desired; 07 2/2/4/2 desired
            14 | UTC | 07T10:00 1 1, 07T10:20 0 0, 07T10:25 0 0              | 07 10/5/5/0 desired
            14 | UTC | 07T10:00 2 -, 07T10:05 0 -                            | 07 5/10/-/- -
            14 | UTC | 07T10:00 2 -, 07T10:05 2 3, 07T10:10 0 0              | 07 10/20/15/5 desired
            14 | UTC | 07T10:00 1 2k, 07T10:05 1 3, 07T10:10 0 0             | 07 10/10/25/15 mixed
            14 | UTC | 07T10:00 1 4k, 07T10:05 0 0k                          | 07 5/5/20/15 keda
            14 | UTC | 07T10:00 3 2, 07T10:05 0 0                            | 07 5/15/10/0 desired
            14 | UTC | 07T10:00 1 1, 07T10:05 1 1, 07T10:03 9 9, 07T10:10 0 0 | 07 10/10/10/0 desired
            14 | UTC | 07T10:00 1 1, 07T10:00 3 3, 07T10:05 0 0              | 07 5/15/15/0 desired
            1  | UTC | 07T23:59 1 1, 08T00:01 0 0                            | 08 1/1/1/0 desired
            2  | UTC | 07T23:58 1 1, 08T00:01 1 1, 08T00:02 0 0              | 08 2/2/2/0 desired; 07 2/2/2/0 desired
            14 | Europe/Berlin | 07T22:58 1 1, 07T23:02 0 0              | 08 2/2/2/0 desired; 07 2/2/2/0 desired
            """)
    void readingsGiveEachDaysRunnerHours(int days, String zone, String readings, String expected) {
        RunnerHours tally = tally(new RunnerHours.Limits(ZoneId.of(zone), days), readings);
        assertEquals(expected, tally.days().stream().map(RunnerHoursTest::day).collect(Collectors.joining("; ")));
    }

    @Test
    void theTotalsKeepTheDaysNoLongerKept() {
        RunnerHours tally =
                tally(new RunnerHours.Limits(ZoneId.of("UTC"), 1), "07T23:59 1 2, 08T00:01 1 2, 08T00:02 0 0");
        assertEquals(1, tally.days().size());
        assertEquals(180, tally.busySeconds(), 1e-9, "3 minutes of one busy runner");
        assertEquals(360, tally.provisionedSeconds(), 1e-9, "3 minutes of two runners");
    }

    /** Two hours of 2 busy runners out of 3, read every 5 minutes, at 0.5 a runner-hour. */
    @Test
    void theCostAddsUpToTheTimeline() {
        Instant start = Instant.parse("2026-12-07T10:00:00Z");
        RunnerHours tally = RunnerHours.start(UTC_14);
        for (int minute = 0; minute <= 120; minute += 5) {
            tally = tally.next(
                    new RunnerUse(start.plusSeconds(60L * minute), minute < 120 ? 2 : 0, 3, RunnerUse.Source.DESIRED));
        }
        RunnerHours.Day today = tally.days().get(0);
        assertEquals(4.0, today.busyRunnerHours(), 1e-12);
        assertEquals(6.0, today.provisionedRunnerHours(), 1e-12);
        assertEquals(2.0, today.idleRunnerHours(), 1e-12);
        assertEquals(1.0 / 3, today.idleShare(), 1e-12);
        assertEquals(3.0, today.cost(0.5), 1e-12);
        assertEquals("desired", today.provisionedFrom());
    }

    @Test
    void noShareAndNoCostWithoutProvisionedRunners() {
        RunnerHours.Day unknown =
                tally(UTC_14, "07T10:00 1 -, 07T10:05 0 -").days().get(0);
        assertNull(unknown.idleShare());
        assertNull(unknown.cost(0.5));
        assertNull(unknown.provisionedFrom());
        RunnerHours.Day none =
                tally(UTC_14, "07T10:00 0 0, 07T10:05 0 0").days().get(0);
        assertEquals(0.0, none.provisionedRunnerHours());
        assertNull(none.idleShare(), "no runner provisioned: no share of them idle");
        assertEquals(0.0, none.cost(0.5));
    }

    private static RunnerHours tally(RunnerHours.Limits limits, String readings) {
        RunnerHours tally = RunnerHours.start(limits);
        for (String reading : readings.split(", ")) {
            String[] parts = reading.split(" ");
            Instant at = Instant.parse("2026-12-" + parts[0] + ":00Z");
            String provisioned = parts[2];
            Integer runners = provisioned.equals("-") ? null : Integer.valueOf(provisioned.replace("k", ""));
            RunnerUse.Source from = runners == null
                    ? null
                    : provisioned.endsWith("k") ? RunnerUse.Source.KEDA : RunnerUse.Source.DESIRED;
            tally = tally.next(new RunnerUse(at, Integer.parseInt(parts[1]), runners, from));
        }
        return tally;
    }

    private static String day(RunnerHours.Day day) {
        return day.date().toString().substring(8) + " " + minutes(day.talliedSeconds()) + "/"
                + minutes(day.busySeconds()) + "/" + minutes(day.provisionedRunnerHours()) + "/"
                + minutes(day.idleRunnerHours()) + " " + (day.provisionedFrom() == null ? "-" : day.provisionedFrom());
    }

    private static String minutes(double seconds) {
        return BigDecimal.valueOf(seconds / 60)
                .setScale(6, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    private static String minutes(Double hours) {
        return hours == null ? "-" : minutes(hours * 3600);
    }
}
