package io.github.gitlabqueueadapter.insight;

import java.time.Duration;

/** Durations in the timeline's sentences: "45s", "4m 12s", "3h 20m". */
public final class DurationText {

    private DurationText() {}

    public static String of(Duration d) {
        return of(d.toMillis() / 1000.0);
    }

    public static String of(double seconds) {
        if (seconds < 10) {
            return Math.round(Math.max(0, seconds) * 10) / 10.0 + "s"; // a wait of 7.5 s is not "8s"
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + (s % 60 == 0 ? "" : " " + s % 60 + "s");
        }
        long minutes = (s / 60) % 60;
        return s / 3600 + "h" + (minutes == 0 ? "" : " " + minutes + "m");
    }
}
