package io.github.gitlabqueueadapter.insight;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runners running a queue's jobs: one not followed yet joined (except at the first reading, the baseline); one
 * unseen for {@code runnerGone} left, at the moment it crossed it. Follows {@code maxRunners} at most. Not thread-safe:
 * its timeline guards it.
 */
final class RunnerTracker {

    private record Presence(String description, Instant lastSeenAt) {}

    private final Duration runnerGone;
    private final int maxRunners;
    private final Map<Long, Presence> runners = new LinkedHashMap<>();
    private boolean runnersKnown;
    private Instant lastRunnersAt;

    RunnerTracker(Duration runnerGone, int maxRunners) {
        this.runnerGone = runnerGone;
        this.maxRunners = maxRunners;
    }

    /** A reading older than the last one. */
    boolean outOfOrder(Instant at) {
        return lastRunnersAt != null && at.isBefore(lastRunnersAt);
    }

    /** The runners running the queue's jobs at {@code at} (id to description): those that joined. */
    List<TimelineEvent> running(Instant at, Map<Long, String> running) {
        lastRunnersAt = at;
        List<TimelineEvent> joined = new ArrayList<>();
        running.forEach((id, description) -> {
            Presence known = runners.remove(id);
            if (known == null && runnersKnown) {
                joined.add(new TimelineEvent.RunnerJoined(
                        at, name(id, description) + " took its first job", id, description));
            }
            runners.put(
                    id, new Presence(description != null ? description : known == null ? null : known.description, at));
        });
        while (runners.size() > maxRunners) {
            runners.remove(runners.keySet().iterator().next());
        }
        runnersKnown = true;
        return joined;
    }

    /** The runners unseen for {@code runnerGone} by {@code now}: they left, dated when they crossed it. */
    List<TimelineEvent> expire(Instant now) {
        List<TimelineEvent> left = new ArrayList<>();
        for (Iterator<Map.Entry<Long, Presence>> it = runners.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Presence> e = it.next();
            Instant goneAt = e.getValue().lastSeenAt().plus(runnerGone);
            if (!goneAt.isAfter(now)) {
                it.remove();
                String description = e.getValue().description();
                left.add(new TimelineEvent.RunnerLeft(
                        goneAt,
                        name(e.getKey(), description) + " not seen for " + DurationText.of(runnerGone),
                        e.getKey(),
                        description));
            }
        }
        return left;
    }

    /** "runner 17 (docker-17)", or "runner 17" without a description. */
    private static String name(long id, String description) {
        return description == null ? "runner " + id : "runner " + id + " (" + description + ")";
    }
}
