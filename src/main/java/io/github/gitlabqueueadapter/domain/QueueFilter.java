package io.github.gitlabqueueadapter.domain;

import java.util.Set;

/**
 * Which jobs of a snapshot count for one queue: the pending jobs a runner with {@code matcher} would take, and the
 * running jobs on {@code runners}. A null part counts every job of that status.
 */
public record QueueFilter(RunnerMatcher matcher, Set<Long> runners) {

    /** Every pending and every running job: the answer without parameters. */
    public static final QueueFilter ALL = new QueueFilter(null, null);

    public QueueFilter {
        runners = runners == null ? null : Set.copyOf(runners);
    }

    public boolean countsPending(JobState job) {
        return job.isPending() && (matcher == null || job.tagsKnown() && matcher.takes(job.tags()));
    }

    public boolean countsRunning(JobState job) {
        return job.isRunning() && (runners == null || (job.runnerId() != null && runners.contains(job.runnerId())));
    }

    /**
     * Whether a job that started (whatever its status now) was this queue's to wait for: on one of {@code runners}
     * when they are named, else one a runner with {@code matcher} would have taken (a job of unknown tags is not).
     */
    public boolean countsStart(JobState job) {
        if (runners != null) {
            return job.runnerId() != null && runners.contains(job.runnerId());
        }
        return matcher == null || job.tagsKnown() && matcher.takes(job.tags());
    }
}
