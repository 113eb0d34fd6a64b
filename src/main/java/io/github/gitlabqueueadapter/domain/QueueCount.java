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
        double age = Math.max(0, Seconds.between(snapshot.observedAt(), now));
        for (JobState job : snapshot.jobs()) {
            if (filter.countsRunning(job)) {
                running++;
            } else if (filter.countsPending(job)) {
                pending++;
                oldest = Math.max(oldest, Math.max(0, waitedAtObservation(job, snapshot.observedAt()) + age));
            }
        }
        return new QueueCount(pending, running, pending == 0 ? 0 : oldest);
    }

    private static double waitedAtObservation(JobState job, Instant observedAt) {
        if (job.queuedSeconds() != null) {
            return job.queuedSeconds(); // below zero for a job that an event added after the poll
        }
        if (job.createdAt() != null) {
            return Math.max(0, Seconds.between(job.createdAt(), observedAt));
        }
        return 0;
    }
}
