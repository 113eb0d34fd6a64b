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

    /**
     * Counts the jobs {@code filter} keeps; waiting times grow by the snapshot's age, as they do in GitLab (and an
     * overflow pool's pending jobs are those that have waited long enough by {@code now}).
     */
    public static QueueCount of(ProjectSnapshot snapshot, Instant now, QueueFilter filter) {
        int pending = 0;
        int running = 0;
        double oldest = 0;
        for (JobState job : snapshot.jobs()) {
            if (filter.countsRunning(job)) {
                running++;
            } else if (job.isPending()) {
                double waited = JobWait.seconds(job, snapshot.observedAt(), now);
                if (filter.countsPending(job, waited)) {
                    pending++;
                    oldest = Math.max(oldest, waited);
                }
            }
        }
        return new QueueCount(pending, running, pending == 0 ? 0 : oldest);
    }
}
