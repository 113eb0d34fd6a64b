package io.github.gitlabqueueadapter.domain;

import java.time.Instant;

/**
 * The numbers of one queue at one moment, counted from a snapshot.
 *
 * @param oldestPendingSeconds how long the oldest pending job has waited by {@code now}; 0 with nothing pending
 */
public record QueueCount(int pending, int running, double oldestPendingSeconds) {

    public int total() {
        return pending + running;
    }

    /** Counts every pending and running job. */
    public static QueueCount of(ProjectSnapshot snapshot, Instant now) {
        return of(snapshot, now, QueueFilter.ALL);
    }

    /** Counts the jobs {@code filter} keeps; waiting times grow by the snapshot's age, as they do in GitLab. */
    public static QueueCount of(ProjectSnapshot snapshot, Instant now, QueueFilter filter) {
        int pending = 0;
        int running = 0;
        double oldest = 0;
        for (JobState job : snapshot.jobs()) {
            if (filter.countsRunning(job)) {
                running++;
            } else if (filter.countsPending(job)) {
                pending++;
                oldest = Math.max(oldest, JobWait.seconds(job, snapshot.observedAt(), now));
            }
        }
        return new QueueCount(pending, running, pending == 0 ? 0 : oldest);
    }
}
