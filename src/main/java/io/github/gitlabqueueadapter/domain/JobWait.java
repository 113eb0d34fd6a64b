package io.github.gitlabqueueadapter.domain;

import java.time.Instant;

/**
 * How long a pending job has waited for a runner by a moment: GitLab's {@code queued_duration} when the snapshot was
 * observed (else the time since {@code created_at}, else 0), plus the snapshot's age, as it grows in GitLab.
 */
public final class JobWait {

    private JobWait() {}

    /** The wait at {@code now} in seconds, never below 0; a job of unknown wait waited from {@code observedAt}. */
    public static double seconds(JobState job, Instant observedAt, Instant now) {
        double age = Math.max(0, Seconds.between(observedAt, now));
        return Math.max(0, atObservation(job, observedAt) + age);
    }

    private static double atObservation(JobState job, Instant observedAt) {
        if (job.queuedSeconds() != null) {
            return job.queuedSeconds(); // below zero for a job that an event added after the poll
        }
        if (job.createdAt() != null) {
            return Math.max(0, Seconds.between(job.createdAt(), observedAt));
        }
        return 0;
    }
}
