package io.github.gitlabqueueadapter.insight;

import java.time.Duration;

/** Durations in the timeline's sentences: "45s", "4m 12s", "3h 20m". */
final class Texts {

    private Texts() {}

    static String duration(Duration d) {
        return duration(d.toMillis() / 1000.0);
    }

    static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
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
