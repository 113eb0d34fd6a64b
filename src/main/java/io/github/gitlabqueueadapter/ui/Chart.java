package io.github.gitlabqueueadapter.ui;

import io.github.gitlabqueueadapter.insight.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A queue's history drawn as three SVG polylines in a {@value #WIDTH} x {@value #HEIGHT} box: pending, running, and
 * the forecast placed where it pointed (horizon later), so it can be compared with what came. Time runs from the
 * first sample to now + horizon; counts from 0 to the highest seen.
 *
 * @param nowX where "now" is on the x axis
 * @param span how far back the chart reaches, for its label ("47m", "6h")
 */
public record Chart(String pending, String running, String forecast, int max, double nowX, String span, int samples) {

    public static final int WIDTH = 600;
    public static final int HEIGHT = 140;

    public static Chart of(List<Sample> samples, Instant now, Duration horizon) {
        if (samples.isEmpty()) {
            return new Chart("", "", "", 0, WIDTH, "", 0);
        }
        long start = samples.get(0).at().toEpochMilli();
        long end = now.plus(horizon).toEpochMilli();
        long width = Math.max(1, end - start);
        int max = 1;
        for (Sample s : samples) {
            max = Math.max(max, Math.max(s.pending(), Math.max(s.running(), s.forecastPending())));
        }
        StringBuilder pending = new StringBuilder();
        StringBuilder running = new StringBuilder();
        StringBuilder forecast = new StringBuilder();
        long shift = horizon.toMillis();
        for (Sample s : samples) {
            long t = s.at().toEpochMilli();
            point(pending, x(t, start, width), y(s.pending(), max));
            point(running, x(t, start, width), y(s.running(), max));
            point(forecast, x(t + shift, start, width), y(s.forecastPending(), max));
        }
        return new Chart(
                pending.toString().strip(),
                running.toString().strip(),
                forecast.toString().strip(),
                max,
                x(now.toEpochMilli(), start, width),
                span(Duration.ofMillis(now.toEpochMilli() - start)),
                samples.size());
    }

    private static double x(long t, long start, long width) {
        return (t - start) * (double) WIDTH / width;
    }

    private static double y(int value, int max) {
        return HEIGHT - value * (double) (HEIGHT - 4) / max;
    }

    private static void point(StringBuilder out, double x, double y) {
        out.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
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
        return String.format(Locale.ROOT, "%.1f", nowX);
    }
}
