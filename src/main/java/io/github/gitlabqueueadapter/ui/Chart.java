package io.github.gitlabqueueadapter.ui;

import io.github.gitlabqueueadapter.insight.Sample;
import io.github.gitlabqueueadapter.insight.TimelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A queue's history drawn in a {@value #WIDTH} x {@value #HEIGHT} SVG box: pending and running as lines from the
 * first sample to now, and the forecast as what it is, a continuation from the pending count now to the forecast at
 * now + horizon. A value axis (0, half, the highest count) and a time axis (UTC) label the plot; a history of one
 * sample is drawn as a point with its number, since a line needs two.
 *
 * @param pending polyline points, or empty when there is one sample
 * @param forecast two polyline points (now, now + horizon), or empty when the queue has no number now
 * @param single the one sample, when there is only one
 * @param values labels and heights of the value axis
 * @param times labels and places of the time axis
 * @param nowX where "now" is on the x axis
 * @param span how far back the chart reaches, for its label ("47m", "6h")
 * @param marks the scaling timeline's events on the same time axis, the newest {@value #MAX_MARKS} at most
 */
public record Chart(
        String pending,
        String running,
        String forecast,
        Point single,
        List<Tick> values,
        List<Tick> times,
        int max,
        double nowX,
        String span,
        int samples,
        List<Mark> marks) {

    public static final int WIDTH = 600;
    public static final int HEIGHT = 160;
    /** The plot inside the box: room on the left for counts and at the bottom for times. */
    static final double LEFT = 44;

    static final double RIGHT = WIDTH - 24;
    static final double TOP = 12;
    static final double BOTTOM = HEIGHT - 26;

    /** Most timeline events drawn on one chart: the newest are kept. */
    static final int MAX_MARKS = 60;

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** A label at a place: a count at height y, or a time at x. */
    public record Tick(double x, double y, String label) {

        public String xText() {
            return number(x);
        }

        public String yText() {
            return number(y);
        }
    }

    /**
     * One timeline event at its moment: a thin line across the plot and a symbol at the top, its sentence as the
     * tooltip.
     *
     * @param type the event's type ({@code demand}, {@code runner-joined}, ...), for its colour
     * @param symbol one character: ▲ demand, ▼ emptied, ✓ capacity, + runner joined, − runner left, ◆ a scaler, • else
     * @param title "HH:mm:ss " and the event's sentence
     */
    public record Mark(double x, String type, String symbol, String title) {

        public String xText() {
            return number(x);
        }
    }

    /** One sample, as a dot with its pending count. */
    public record Point(double x, double y, String label) {

        public String xText() {
            return number(x);
        }

        public String yText() {
            return number(y);
        }
    }

    /**
     * @param pendingNow the queue's pending count now, where the forecast starts; null when it has no number now
     * @param forecastNow the forecast now, for now + horizon
     */
    public static Chart of(
            List<Sample> samples, Instant now, Duration horizon, Integer pendingNow, Integer forecastNow) {
        return of(samples, now, horizon, pendingNow, forecastNow, List.of());
    }

    /** {@link #of(List, Instant, Duration, Integer, Integer)} with the timeline's events drawn where they happened. */
    public static Chart of(
            List<Sample> samples,
            Instant now,
            Duration horizon,
            Integer pendingNow,
            Integer forecastNow,
            List<TimelineEvent> events) {
        if (samples.isEmpty()) {
            return new Chart("", "", "", null, List.of(), List.of(), 0, RIGHT, "", 0, List.of());
        }
        long start = samples.get(0).at().toEpochMilli();
        long end = now.plus(horizon).toEpochMilli();
        if (end - start < horizon.toMillis() * 2) {
            start = end - horizon.toMillis() * 2; // a short history still leaves "now" inside the chart
        }
        long width = Math.max(1, end - start);
        int max = 1;
        for (Sample s : samples) {
            max = Math.max(max, Math.max(s.pending(), s.running()));
        }
        if (pendingNow != null && forecastNow != null) {
            max = Math.max(max, Math.max(pendingNow, forecastNow));
        }
        max = niceCeiling(max);
        StringBuilder pending = new StringBuilder();
        StringBuilder running = new StringBuilder();
        for (Sample s : samples) {
            double x = x(s.at().toEpochMilli(), start, width);
            point(pending, x, y(s.pending(), max));
            point(running, x, y(s.running(), max));
        }
        double nowX = x(now.toEpochMilli(), start, width);
        String forecast = "";
        if (pendingNow != null && forecastNow != null) {
            StringBuilder line = new StringBuilder();
            point(line, nowX, y(pendingNow, max));
            point(line, RIGHT, y(forecastNow, max));
            forecast = line.toString().strip();
        }
        Point single = null;
        if (samples.size() == 1) {
            Sample only = samples.get(0);
            single = new Point(
                    x(only.at().toEpochMilli(), start, width), y(only.pending(), max), String.valueOf(only.pending()));
            pending.setLength(0);
            running.setLength(0);
        }
        return new Chart(
                pending.toString().strip(),
                running.toString().strip(),
                forecast,
                single,
                List.of(
                        new Tick(LEFT, y(0, max), "0"),
                        new Tick(LEFT, y(max / 2.0, max), max % 2 == 0 ? String.valueOf(max / 2) : ""),
                        new Tick(LEFT, y(max, max), String.valueOf(max))),
                timeTicks(start, now, end, width),
                max,
                nowX,
                span(Duration.ofMillis(now.toEpochMilli() - samples.get(0).at().toEpochMilli())),
                samples.size(),
                marks(events, start, now, width));
    }

    /** The events between the chart's first moment and now, the newest {@value #MAX_MARKS}. */
    private static List<Mark> marks(List<TimelineEvent> events, long start, Instant now, long width) {
        List<Mark> marks = new ArrayList<>();
        for (TimelineEvent e : events) {
            long t = e.at().toEpochMilli();
            if (t >= start && t <= now.toEpochMilli()) {
                marks.add(new Mark(
                        x(t, start, width),
                        e.type().label(),
                        symbol(e.type()),
                        SECONDS.format(e.at()) + " " + e.text()));
            }
        }
        return marks.size() <= MAX_MARKS ? marks : List.copyOf(marks.subList(marks.size() - MAX_MARKS, marks.size()));
    }

    private static String symbol(TimelineEvent.Type type) {
        return switch (type) {
            case DEMAND, BURST -> "▲";
            case EMPTIED -> "▼";
            case CAPACITY -> "✓";
            case RUNNER_JOINED -> "+";
            case RUNNER_LEFT -> "−";
            case SCALER -> "◆";
            default -> "•";
        };
    }

    /** The first moment, the middle of the past, "now" and now + horizon, as HH:mm UTC. */
    private static List<Tick> timeTicks(long start, Instant now, long end, long width) {
        List<Tick> ticks = new ArrayList<>();
        long middle = start + (now.toEpochMilli() - start) / 2;
        for (long t : new long[] {start, middle}) {
            ticks.add(new Tick(x(t, start, width), HEIGHT - 4, CLOCK.format(Instant.ofEpochMilli(t))));
        }
        ticks.add(new Tick(x(now.toEpochMilli(), start, width), HEIGHT - 4, "now"));
        ticks.add(new Tick(x(end, start, width), HEIGHT - 4, "+" + span(Duration.ofMillis(end - now.toEpochMilli()))));
        return ticks;
    }

    /** 1, 2, 5, 10, 20, 50, ...: an axis that ends on a round number at or above the highest count. */
    static int niceCeiling(int value) {
        int step = 1;
        while (true) {
            for (int m : new int[] {1, 2, 5}) {
                if (value <= step * m) {
                    return step * m;
                }
            }
            step *= 10;
        }
    }

    private static double x(long t, long start, long width) {
        return LEFT + (t - start) * (RIGHT - LEFT) / width;
    }

    private static double y(double value, int max) {
        return BOTTOM - value * (BOTTOM - TOP) / max;
    }

    private static void point(StringBuilder out, double x, double y) {
        out.append(number(x)).append(',').append(number(y)).append(' ');
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** "45s", "12m", "3h 20m". */
    static String span(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 7200) {
            return seconds / 60 + "m";
        }
        long minutes = (seconds / 60) % 60;
        return seconds / 3600 + "h" + (minutes == 0 ? "" : " " + minutes + "m");
    }

    public String nowXText() {
        return number(nowX);
    }

    public String leftText() {
        return number(LEFT);
    }

    public String rightText() {
        return number(RIGHT);
    }

    public String bottomText() {
        return number(BOTTOM);
    }

    public String topText() {
        return number(TOP);
    }
}
