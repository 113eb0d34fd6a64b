package io.github.gitlabqueueadapter.ui;

import io.github.gitlabqueueadapter.insight.DurationText;
import io.github.gitlabqueueadapter.insight.ScalingTimeline;
import io.github.gitlabqueueadapter.insight.WaitLog;
import java.util.List;

/** The lines of a queue's card that say what its waits, rises and KEDA objects were, in words and numbers. */
final class CardTexts {

    private CardTexts() {}

    /** "p50 40s · p95 2m 0s (15 min, 12 jobs); p50 ... (1 h, 30 jobs)". */
    static String waits(WaitLog.Summary w) {
        if (w.jobsLastHour() == 0) {
            return "no job started in the last hour";
        }
        String hour = "p50 " + seconds(w.p50LastHour()) + " · p95 " + seconds(w.p95LastHour()) + " (1 h, "
                + w.jobsLastHour() + " jobs)";
        if (w.jobsLast15m() == 0) {
            return hour;
        }
        return "p50 " + seconds(w.p50Last15m()) + " · p95 " + seconds(w.p95Last15m()) + " (15 min, " + w.jobsLast15m()
                + " jobs); " + hour;
    }

    /** "ScaledObject ci/docker-runners: desired 5, current 3; ScaledJob ci/app: 2 active jobs". */
    static String scalers(List<ScalingTimeline.Scaler> scalers) {
        return String.join(
                "; ",
                scalers.stream()
                        .map(s -> s.kind() + " " + s.namespace() + "/" + s.name() + ": "
                                + (s.activeJobs() != null
                                        ? s.activeJobs() + " active jobs"
                                        : "desired " + orUnknown(s.desiredReplicas()) + ", current "
                                                + orUnknown(s.currentReplicas())))
                        .toList());
    }

    private static String orUnknown(Integer value) {
        return value == null ? "?" : String.valueOf(value);
    }

    /** "median 4m 0s of the last 3 rises; open for 1m 0s". */
    static String capacity(ScalingTimeline.Capacity c) {
        String closed = c.medianSeconds() == null
                ? ""
                : "median " + seconds(c.medianSeconds()) + " of the last "
                        + c.last().size() + (c.last().size() == 1 ? " rise" : " rises");
        String open = c.open() == null ? "" : "open for " + seconds(c.open().seconds());
        if (closed.isEmpty() && open.isEmpty()) {
            return "no rise yet";
        }
        return closed.isEmpty() ? open : open.isEmpty() ? closed : closed + "; " + open;
    }

    private static String seconds(double value) {
        return DurationText.of(value);
    }
}
