package io.github.gitlabqueueadapter.insight;

import java.time.Instant;
import java.util.List;

/**
 * Jobs joining a queue, second by second over the last minute: {@code burstJobs} within a minute are a burst, one
 * event a minute at most. Not thread-safe: its timeline guards it.
 */
final class BurstTracker {

    private final int burstJobs;
    /** Made at the first arrival: most of a large instance's projects see none for hours. */
    private long[] arrivalSecond;

    private int[] arrivalCount;
    private Instant lastBurstAt;

    BurstTracker(int burstJobs) {
        this.burstJobs = burstJobs;
    }

    /** {@code count} jobs joined at {@code at}: a burst, or nothing. */
    List<TimelineEvent> arrived(Instant at, int count) {
        if (arrivalSecond == null) {
            arrivalSecond = new long[60];
            arrivalCount = new int[60];
        }
        long s = at.getEpochSecond();
        int k = (int) Math.floorMod(s, 60L);
        if (arrivalSecond[k] != s) {
            arrivalSecond[k] = s;
            arrivalCount[k] = 0;
        }
        arrivalCount[k] += count;
        int lastMinute = 0;
        for (int i = 0; i < 60; i++) {
            if (s - arrivalSecond[i] < 60 && arrivalSecond[i] <= s) {
                lastMinute += arrivalCount[i];
            }
        }
        if (lastMinute >= burstJobs && (lastBurstAt == null || !at.isBefore(lastBurstAt.plusSeconds(60)))) {
            lastBurstAt = at;
            return List.of(new TimelineEvent.Burst(
                    at, "burst: " + DemandTracker.jobs(lastMinute) + " joined within a minute", lastMinute));
        }
        return List.of();
    }
}
