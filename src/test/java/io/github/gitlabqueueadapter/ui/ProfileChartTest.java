package io.github.gitlabqueueadapter.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.WeeklyProfile;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a pool's weekly profile is shown: what a person reads off its bars and lines. */
class ProfileChartTest {

    /** Monday 08:30 in Berlin (2026-12-14 is a Monday). */
    private static final Instant NOW = Instant.parse("2026-12-14T07:30:00Z");

    /** Mondays 09:00 usually 12 jobs (3 weeks), 10:00 7, 11:00 none; Tuesdays 09:00 12 too (1 week). */
    private static final WeeklyProfile PROFILE = WeeklyProfile.of(
            ZoneId.of("Europe/Berlin"),
            Map.of(
                    9, new WeeklyProfile.Hour(12, 3),
                    10, new WeeklyProfile.Hour(7.4, 2),
                    11, new WeeklyProfile.Hour(0, 2),
                    33, new WeeklyProfile.Hour(12, 1)));

    @Test
    void theHoursComingAndTheBusiestAreSaidInWords() {
        ProfileChart chart = ProfileChart.of(PROFILE, NOW);

        assertEquals("Mon 08:00 – · 09:00 12 · 10:00 7 · 11:00 0 · 12:00 – · 13:00 –", chart.next());
        assertEquals("Mon 09:00 12 · Tue 09:00 12 · Mon 10:00 7", chart.busiest(), "the earlier first among equals");
        assertEquals("3 weeks, 4 of 168 hours seen; hours in Europe/Berlin", chart.seen());
    }

    @Test
    void eachHourSeenIsABarAsHighAsItsJobs() {
        ProfileChart chart = ProfileChart.of(PROFILE, NOW);

        assertEquals(4, chart.bars().size(), "no bar for an hour no week was seen for");
        assertEquals(20, chart.max(), "the top of the plot, a round number over 12");
        ProfileChart.Bar monday9 = chart.bars().get(0);
        assertEquals("Mon 09:00 Europe/Berlin: usually 12 jobs (3 weeks)", monday9.title());
        double y = Double.parseDouble(monday9.y());
        double height = Double.parseDouble(monday9.height());
        assertEquals(ProfileChart.BOTTOM, y + height, 0.1, "bars stand on the bottom");
        assertEquals(12.0 / 20 * (ProfileChart.BOTTOM - ProfileChart.TOP), height, 0.1);
        assertEquals("1.0", chart.bars().get(2).height(), "an hour seen with no job is a sliver, not nothing");
        double x = Double.parseDouble(monday9.x());
        assertTrue(chart.nowX() > x - Double.parseDouble(monday9.width()) && chart.nowX() < x, "now is Monday 08:30");
        assertEquals(
                List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
                chart.days().stream().map(Chart.Tick::label).toList());
    }

    @Test
    void anEmptyProfileSaysHowAnHourComesToCount() {
        ProfileChart chart = ProfileChart.of(WeeklyProfile.empty(ZoneId.of("UTC")), NOW);

        assertEquals(List.of(), chart.bars());
        assertEquals("none yet", chart.busiest());
        assertEquals(
                "nothing seen yet: an hour counts once it is over, when sampled from its first quarter on;"
                        + " hours in UTC",
                chart.seen());
    }
}
