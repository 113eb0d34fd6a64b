package io.github.gitlabqueueadapter.domain;

import java.util.Set;

/**
 * Which jobs of a snapshot count for one queue: the pending jobs a runner with {@code matcher} would take, and the
 * running jobs on {@code runners}. A null part counts every job of that status.
 *
 * @param taking for a pool of GitLab's runners: the pending jobs at least one of them would be handed, by GitLab's
 *     whole rule (tags, protected refs, scope); null otherwise
 * @param project the project whose jobs are counted, which {@code taking} needs (see {@link #in}); null when unbound
 * @param overflow for an overflow pool: a pending job counts only once it has waited its {@code after}; null otherwise
 */
public record QueueFilter(
        RunnerMatcher matcher, Set<Long> runners, TakingRunners taking, ProjectRef project, Overflow overflow) {

    /** Every pending and every running job: the answer without parameters. */
    public static final QueueFilter ALL = new QueueFilter(null, null);

    public QueueFilter {
        runners = runners == null ? null : Set.copyOf(runners);
    }

    public QueueFilter(RunnerMatcher matcher, Set<Long> runners) {
        this(matcher, runners, null, null, null);
    }

    /** The same filter with GitLab's runners to model: what they would take counts as pending. */
    public QueueFilter taking(TakingRunners runnersToModel) {
        return new QueueFilter(matcher, runners, runnersToModel, project, overflow);
    }

    /** The filter for the jobs of one project (a runner's scope depends on it). */
    public QueueFilter in(ProjectRef counted) {
        return taking == null ? this : new QueueFilter(matcher, runners, taking, counted, overflow);
    }

    /**
     * The filter of the pool that overflows this one: the same pending jobs once they have waited the overflow's
     * {@code after}, and the jobs running on its own {@code runners}.
     */
    public QueueFilter overflowedBy(Set<Long> ownRunners, Overflow by) {
        return new QueueFilter(matcher, ownRunners, taking, project, by);
    }

    /** Whether a pending job's tags must be known before it can count here. */
    public boolean needsTags() {
        return matcher != null || taking != null;
    }

    /** Whether a pending job is one this queue's runners would take, however long it has waited. */
    public boolean countsPending(JobState job) {
        return job.isPending() && takes(job);
    }

    /** Whether a pending job that has waited {@code waitedSeconds} counts as pending now (an overflow's wait). */
    public boolean countsPending(JobState job, double waitedSeconds) {
        return countsPending(job) && (overflow == null || overflow.overflows(waitedSeconds));
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
        return takes(job);
    }

    private boolean takes(JobState job) {
        return (matcher == null || job.tagsKnown() && matcher.takes(job.tags()))
                && (taking == null || taking.take(project, job));
    }
}
