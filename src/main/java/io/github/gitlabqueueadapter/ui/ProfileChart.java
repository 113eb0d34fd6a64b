package io.github.gitlabqueueadapter.ui;

import io.github.gitlabqueueadapter.domain.WeeklyProfile;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A pool's weekly profile of demand, for its card: a bar per hour of the week in a {@value #WIDTH} x {@value #HEIGHT}
 * SVG box (Monday 00:00 at the left, in the profile's zone), as high as the jobs such an hour usually sees, none for an
 * hour no week was seen for, a line at the hour now; and in words, the hours coming and the busiest.
 *
 * @param bars one per hour of the week seen, each with its sentence as the tooltip
 * @param days each day's name, under its middle
 * @param midnights where each day but Monday starts, for a line across the plot
 * @param nowX where the hour now is
 * @param max the count at the top of the plot
 * @param next the usual demand of the hour now and the {@value #NEXT} - 1 after it: "Mon 09:00 8 · 10:00 12 · 11:00 –"
 * @param busiest the {@value #BUSIEST} busiest hours of the week: "Mon 09:00 12 · Tue 09:00 10", or "none yet"
 * @param seen how much the profile has seen, and its zone
 */
public record ProfileChart(
        List<Bar> bars,
        List<Chart.Tick> days,
        List<Chart.Tick> midnights,
        double nowX,
        int max,
        String next,
        String busiest,
        String seen) {

    public static final int WIDTH = 600;
    public static final int HEIGHT = 160;
    static final double LEFT = 8;
    static final double RIGHT = WIDTH - 8;
    static final double TOP = 22;
    static final double BOTTOM = HEIGHT - 26;
    private static final double HOUR = (RIGHT - LEFT) / WeeklyProfile.HOURS;

    /** Hours said in {@code next}: the next few, which warm-up looks at. */
    static final int NEXT = 6;

    /** Hours said in {@code busiest}. */
    static final int BUSIEST = 3;

    /**
     * One hour of the week seen: a bar from the bottom, its sentence as the tooltip; its place and size as the SVG
     * writes them.
     */
    public record Bar(String x, String y, String width, String height, String title) {

        static Bar of(int hourOfWeek, double height, String title) {
            return new Bar(
                    Chart.number(LEFT + hourOfWeek * HOUR),
                    Chart.number(BOTTOM - height),
                    Chart.number(HOUR),
                    Chart.number(height),
                    title);
        }
    }

    public String nowXText() {
        return Chart.number(nowX);
    }

    public String leftText() {
        return Chart.number(LEFT);
    }

    public String topText() {
        return Chart.number(TOP);
    }

    public String bottomText() {
        return Chart.number(BOTTOM);
    }

    public static ProfileChart of(WeeklyProfile profile, Instant now) {
        List<WeeklyProfile.Hour> hours = profile.hours();
        int max = Chart.niceCeiling(Math.max(
                1, hours.stream().mapToInt(WeeklyProfile.Hour::jobs).max().orElse(1)));
        String zone = profile.zone().getId();
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < hours.size(); i++) {
            WeeklyProfile.Hour hour = hours.get(i);
            if (hour.seen()) {
                double height = Math.max(1, hour.jobs() * (BOTTOM - TOP) / max);
                bars.add(Bar.of(
                        i,
                        height,
                        WeeklyProfile.label(i) + " " + zone + ": usually " + hour.jobs() + " jobs ("
                                + weeks(hour.weeks()) + ")"));
            }
        }
        List<Chart.Tick> days = IntStream.range(0, 7)
                .mapToObj(day -> new Chart.Tick(
                        LEFT + (day * 24 + 12) * HOUR,
                        HEIGHT - 6,
                        DayOfWeek.of(day + 1).getDisplayName(TextStyle.SHORT, Locale.ENGLISH)))
                .toList();
        List<Chart.Tick> midnights = IntStream.range(1, 7)
                .mapToObj(day -> new Chart.Tick(LEFT + day * 24 * HOUR, TOP, ""))
                .toList();
        int nowHour = WeeklyProfile.hourOfWeek(LocalDateTime.ofInstant(now, profile.zone()));
        String seen = profile.hoursSeen() == 0
                ? "nothing seen yet: an hour counts once it is over, when sampled from its first quarter on"
                : weeks(profile.weeksSeen()) + ", " + profile.hoursSeen() + " of " + WeeklyProfile.HOURS
                        + " hours seen";
        return new ProfileChart(
                bars,
                days,
                midnights,
                LEFT + (nowHour + 0.5) * HOUR,
                max,
                next(profile, now),
                busiest(hours),
                seen + "; hours in " + zone);
    }

    /** "Mon 09:00 8 · 10:00 12 · 11:00 – · Tue 00:00 3": the day said when it changes. */
    private static String next(WeeklyProfile profile, Instant now) {
        List<String> parts = new ArrayList<>();
        int day = -1;
        for (WeeklyProfile.Upcoming hour : profile.next(now, NEXT)) {
            String label = WeeklyProfile.label(hour.hourOfWeek());
            parts.add((hour.hourOfWeek() / 24 == day ? label.substring(4) : label) + " "
                    + (hour.hour().seen() ? String.valueOf(hour.hour().jobs()) : "–"));
            day = hour.hourOfWeek() / 24;
        }
        return String.join(" · ", parts);
    }

    /** The busiest hours seen, the earlier first among equals; hours of no job are not busy. */
    private static String busiest(List<WeeklyProfile.Hour> hours) {
        List<String> busiest = IntStream.range(0, hours.size())
                .filter(i -> hours.get(i).jobs() > 0)
                .boxed()
                .sorted(Comparator.comparingInt((Integer i) -> -hours.get(i).jobs())
                        .thenComparingInt(i -> i))
                .limit(BUSIEST)
                .map(i -> WeeklyProfile.label(i) + " " + hours.get(i).jobs())
                .toList();
        return busiest.isEmpty() ? "none yet" : String.join(" · ", busiest);
    }

    private static String weeks(int weeks) {
        return weeks + (weeks == 1 ? " week" : " weeks");
    }
}
