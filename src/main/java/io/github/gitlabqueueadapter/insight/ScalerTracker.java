package io.github.gitlabqueueadapter.insight;

import io.github.gitlabqueueadapter.domain.announcements.ScalersObserved;
import io.github.gitlabqueueadapter.insight.ScalingTimeline.Scaler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The KEDA objects that read a queue, at their last reading: a new object, a change of its numbers, and an object that
 * no longer reads the queue are events. Follows {@value #MAX_SCALERS} at most. Not thread-safe: its timeline guards it.
 */
final class ScalerTracker {

    /** Most KEDA objects followed per queue. */
    static final int MAX_SCALERS = 20;

    private final Map<String, Scaler> scalers = new LinkedHashMap<>();

    /** What the cluster's KEDA objects reading the queue showed at {@code at}: the changes. */
    List<TimelineEvent> seen(Instant at, List<ScalersObserved.Scaler> seen) {
        List<TimelineEvent> changes = new ArrayList<>();
        Map<String, Scaler> now = new LinkedHashMap<>();
        for (ScalersObserved.Scaler s : seen) {
            if (now.size() >= MAX_SCALERS) {
                break;
            }
            String id = s.kind() + " " + s.namespace() + "/" + s.name();
            Scaler reading = new Scaler(
                    s.kind(), s.namespace(), s.name(), s.desiredReplicas(), s.currentReplicas(), s.activeJobs(), at);
            Scaler before = scalers.get(id);
            if (before == null || !sameNumbers(before, reading)) {
                changes.add(new TimelineEvent.ScalerChanged(
                        at,
                        id + ": " + numbers(reading),
                        id,
                        s.desiredReplicas(),
                        s.currentReplicas(),
                        s.activeJobs()));
            }
            now.put(id, reading);
        }
        scalers.keySet().stream()
                .filter(id -> !now.containsKey(id))
                .toList()
                .forEach(id -> changes.add(new TimelineEvent.ScalerChanged(
                        at, id + ": no longer reads this queue", id, null, null, null)));
        scalers.clear();
        scalers.putAll(now);
        return changes;
    }

    /** The KEDA objects reading the queue at their last reading. */
    List<Scaler> scalers() {
        return List.copyOf(scalers.values());
    }

    private static boolean sameNumbers(Scaler a, Scaler b) {
        return Objects.equals(a.desiredReplicas(), b.desiredReplicas())
                && Objects.equals(a.currentReplicas(), b.currentReplicas())
                && Objects.equals(a.activeJobs(), b.activeJobs());
    }

    private static String numbers(Scaler s) {
        if (s.activeJobs() != null) {
            return s.activeJobs() + " active jobs";
        }
        return "desired " + (s.desiredReplicas() == null ? "?" : s.desiredReplicas()) + ", current "
                + (s.currentReplicas() == null ? "?" : s.currentReplicas());
    }
}
