package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A weekly profile of demand, as tables: samples in, an hour of the week out (its mean and the weeks seen); and which
 * hour the profile expects within a lead. 2026-12-07 and 2026-12-14 are Mondays; Berlin leaves summer time on Sunday
 * 2026-10-25 (02:00 twice) and enters it on Sunday 2026-03-29 (no 02:00).
 */
class WeeklyProfileTest {

    /** "12-07T09=3 12-07T09:20=8": samples in the order given, at these times of 2026 (UTC), of this demand. */
    private static WeeklyProfile sampled(String zone, String samples) {
        WeeklyProfile profile = WeeklyProfile.empty(ZoneId.of(zone));
        for (String sample : samples.trim().split("\\s+")) {
            String[] atAndDemand = sample.split("=");
            String time = atAndDemand[0] + ":00:00".substring(atAndDemand[0].length() - "12-07T09".length());
            profile = profile.observe(Instant.parse("2026-" + time + "Z"), Integer.parseInt(atAndDemand[1]));
        }
        return profile;
    }

    /** "Mon 09:00" as its hour of the week. */
    private static int hourOfWeek(String label) {
        for (int i = 0; i < WeeklyProfile.HOURS; i++) {
            if (WeeklyProfile.label(i).equals(label)) {
                return i;
            }
        }
        throw new IllegalArgumentException(label);
    }

    /** "8.0/1" (mean / weeks), or "-" for an hour no week was seen for. */
    private static String said(WeeklyProfile profile, String label) {
        WeeklyProfile.Hour hour = profile.hours().get(hourOfWeek(label));
        return hour.seen() ? hour.mean() + "/" + hour.weeks() : "-";
    }

    @ParameterizedTest(name = "{0} {2}: {1} after {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # the hour's peak, counted once the hour is over
            Mon 09:00 | 8.0/1 | UTC           | 12-07T09=3 12-07T09:20=8 12-07T09:59=5 12-07T10=0
            Mon 09:00 | -     | UTC           | 12-07T09=3 12-07T09:59=8
            # an hour counts when sampled from its first quarter on
            Mon 09:00 | -     | UTC           | 12-07T09:40=8 12-07T10=0 12-07T11=0
            Mon 09:00 | 8.0/1 | UTC           | 12-07T09:14=8 12-07T10=0
            Mon 10:00 | 1.0/1 | UTC           | 12-07T09:40=8 12-07T10=1 12-07T11=0
            # 09:59:59 is 09, 10:00 is 10
            Mon 09:00 | 7.0/1 | UTC           | 12-07T09=1 12-07T09:59:59=7 12-07T10=2 12-07T11=0
            Mon 10:00 | 2.0/1 | UTC           | 12-07T09=1 12-07T09:59:59=7 12-07T10=2 12-07T11=0
            # each new week weighs half
            Mon 09:00 | 6.0/2 | UTC           | 12-07T09=8 12-07T10=0 12-14T09=4 12-14T10=0
            Mon 09:00 | 4.0/3 | UTC           | 12-07T09=8 12-07T10=0 12-14T09=4 12-14T10=0 12-21T09=2 12-21T10=0
            # an hour never sampled says nothing; an older sample changes nothing; a negative demand is none
            Mon 10:00 | -     | UTC           | 12-07T09=8 12-07T12=0 12-07T13=0
            Mon 09:00 | 1.0/1 | UTC           | 12-07T09=1 12-07T10=2 12-07T09:30=50 12-07T11=0
            Mon 09:00 | 0.0/1 | UTC           | 12-07T09=-3 12-07T10=0
            # Sunday 23:00 is the week's last hour
            Sun 23:00 | 4.0/1 | UTC           | 12-13T23=4 12-14T00=0
            # hours are read in the pool's zone: 09:00 in Berlin is 08:00 UTC in winter, 07:00 in summer
            Mon 09:00 | 5.0/1 | Europe/Berlin | 12-07T08=5 12-07T09=0
            Mon 09:00 | 4.0/2 | Europe/Berlin | 07-06T07=6 07-06T08=0 12-07T08=2 12-07T09=0
            # 02:00 twice when summer time ends is one hour
            Sun 02:00 | 9.0/1 | Europe/Berlin | 10-25T00:05=3 10-25T01:30=9 10-25T02=0
            Sun 03:00 | 5.0/1 | Europe/Berlin | 10-25T00:05=3 10-25T01:30=9 10-25T02=5 10-25T03=0
            # no 02:00 when it starts
            Sun 01:00 | 4.0/1 | Europe/Berlin | 03-29T00=4 03-29T01=6 03-29T02=0
            Sun 02:00 | -     | Europe/Berlin | 03-29T00=4 03-29T01=6 03-29T02=0
            Sun 03:00 | 6.0/1 | Europe/Berlin | 03-29T00=4 03-29T01=6 03-29T02=0
            """)
    void anHourOverUpdatesItsHourOfTheWeek(String hour, String expected, String zone, String samples) {
        assertEquals(expected, said(sampled(zone, samples), hour));
    }

    /** "Mon 09:00=8/1 Mon 10:00=3/2": a profile knowing these hours (mean / weeks). */
    private static WeeklyProfile knowing(String zone, String hours) {
        Map<Integer, WeeklyProfile.Hour> known = Arrays.stream(hours.split(","))
                .map(String::trim)
                .map(entry -> entry.split("[=/]"))
                .collect(Collectors.toMap(
                        parts -> hourOfWeek(parts[0]),
                        parts -> new WeeklyProfile.Hour(Double.parseDouble(parts[1]), Integer.parseInt(parts[2]))));
        return WeeklyProfile.of(ZoneId.of(zone), known);
    }

    /** "12-14T08:58" as that minute of 2026 in UTC. */
    private static Instant at(String time) {
        return Instant.parse("2026-" + time + ":00Z");
    }

    @ParameterizedTest(name = "{0} {1}, lead {2}, knowing {4}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # the lead reaches 09:00 at 08:58, not before
            UTC           | 12-14T08:57 | 2m | -            | Mon 09:00=8/1
            UTC           | 12-14T08:58 | 2m | Mon 09:00 8  | Mon 09:00=8/1
            # the hour now is within the lead; one over is not
            UTC           | 12-14T09:30 | 0s | Mon 09:00 8  | Mon 09:00=8/1
            UTC           | 12-14T10:00 | 0s | -            | Mon 09:00=8/1
            UTC           | 12-14T08:00 | 1h | Mon 09:00 8  | Mon 09:00=8/1
            # the busier of two; the first of two alike
            UTC           | 12-14T09:59 | 2m | Mon 10:00 12 | Mon 09:00=8/1, Mon 10:00=12/2
            UTC           | 12-14T09:59 | 2m | Mon 09:00 3  | Mon 09:00=3/1, Mon 10:00=3/1
            # across the week's end, Sunday to Monday
            UTC           | 12-13T23:59 | 2m | Mon 00:00 5  | Mon 00:00=5/1, Sun 23:00=2/1
            UTC           | 12-13T23:30 | 2m | Sun 23:00 2  | Mon 00:00=5/1, Sun 23:00=2/1
            # the mean rounded to the nearest
            UTC           | 12-14T09:00 | 0s | Mon 09:00 8  | Mon 09:00=7.5/2
            UTC           | 12-14T09:00 | 0s | Mon 09:00 0  | Mon 09:00=0.4/3
            # 09:00 in Berlin, winter and summer
            Europe/Berlin | 12-14T07:58 | 2m | Mon 09:00 8  | Mon 09:00=8/1
            Europe/Berlin | 12-14T06:58 | 2m | -            | Mon 09:00=8/1
            Europe/Berlin | 07-06T06:58 | 2m | Mon 09:00 8  | Mon 09:00=8/1
            """)
    void expectsTheBusiestHourWithinTheLead(String zone, String now, String lead, String expected, String hours) {
        String found = knowing(zone, hours)
                .busiestWithin(at(now), Duration.parse("PT" + lead.toUpperCase()))
                .map(hour -> WeeklyProfile.label(hour.hourOfWeek()) + " "
                        + hour.hour().jobs())
                .orElse("-");
        assertEquals(expected, found);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # the hour now and the next, across the week's end
            UTC           | 12-13T22:30 | Sun 22:00@12-13T22:00 Sun 23:00@12-13T23:00 Mon 00:00@12-14T00:00
            # no 02:00 when summer time starts; 02:00 twice when it ends comes once
            Europe/Berlin | 03-29T00:30 | Sun 01:00@03-29T00:00 Sun 03:00@03-29T01:00 Sun 04:00@03-29T02:00
            Europe/Berlin | 10-24T23:30 | Sun 01:00@10-24T23:00 Sun 02:00@10-25T00:00 Sun 03:00@10-25T02:00
            """)
    void listsTheNextHours(String zone, String now, String expected) {
        String hours = WeeklyProfile.empty(ZoneId.of(zone)).next(at(now), 3).stream()
                .map(hour -> WeeklyProfile.label(hour.hourOfWeek()) + "@" + hour.startsAt())
                .collect(Collectors.joining(" "));
        assertEquals(expected.replace("@", "@2026-").replaceAll("(T\\d\\d:00)", "$1:00Z"), hours);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            kept hours fill unseen ones | Europe/Berlin | Mon 10:00 | 5.0/2
            hours seen here stay        | Europe/Berlin | Mon 09:00 | 2.0/1
            another zone's are not kept | UTC           | Mon 10:00 | -
            """)
    void readBackFillsWhatThisReplicaHasNotSeen(String what, String keptZone, String hour, String expected) {
        WeeklyProfile here = sampled("Europe/Berlin", "12-07T08=2 12-07T09=0");
        WeeklyProfile kept = knowing(keptZone, "Mon 09:00=8/3, Mon 10:00=5/2");
        assertEquals(expected, said(here.restoredFrom(kept), hour), what);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            0   | Mon 00:00
            9   | Mon 09:00
            33  | Tue 09:00
            167 | Sun 23:00
            """)
    void labelsTheHourOfTheWeek(int hourOfWeek, String label) {
        assertEquals(label, WeeklyProfile.label(hourOfWeek));
        assertEquals(
                WeeklyProfile.HOURS,
                WeeklyProfile.empty(ZoneId.of("UTC")).hours().size());
    }
}
