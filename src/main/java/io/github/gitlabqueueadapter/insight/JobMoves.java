package io.github.gitlabqueueadapter.insight;

import io.github.gitlabqueueadapter.domain.JobState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What changed in one project's jobs between two of its states (after a poll, a job event, or another replica's
 * write): jobs seen waiting for the first time (arrivals), jobs seen with a runner for the first time (starts), and
 * jobs first seen finished. It remembers the ids of the last state's jobs and of the last {@value #GONE} jobs that
 * left it (a poll can drop a finished job before its job event arrives), so its memory follows the state's size.
 * The first state it sees is the baseline: jobs already waiting or running then are neither arrivals nor starts (the
 * adapter did not see them arrive; a job that has run for an hour did not just start).
 */
final class JobMoves {

    /**
     * The moves one new state showed.
     *
     * @param started jobs now running that were not running before, each with its wait ({@code queuedSeconds},
     *     final once a job runs; null when GitLab gave none)
     * @param finishedUnseen a job event's job seen only finished: neither waiting nor running in the state before
     */
    record Moves(List<JobState> arrived, List<JobState> started, JobState finishedUnseen) {

        static final Moves NONE = new Moves(List.of(), List.of(), null);
    }

    static final int GONE = 256;

    private Set<Long> pending;
    private Set<Long> running;
    private final LinkedHashSet<Long> gone = new LinkedHashSet<>();

    /**
     * The moves from the last state to {@code jobs}.
     *
     * @param finished the job of a job event that finished it, or null
     */
    synchronized Moves observe(List<JobState> jobs, JobState finished) {
        Set<Long> nowPending = new HashSet<>();
        Set<Long> nowRunning = new HashSet<>();
        List<JobState> arrived = new ArrayList<>();
        List<JobState> started = new ArrayList<>();
        for (JobState job : jobs) {
            if (job.isPending()) {
                nowPending.add(job.id());
                if (pending != null && !pending.contains(job.id()) && !running.contains(job.id())) {
                    arrived.add(job);
                }
            } else if (job.isRunning()) {
                nowRunning.add(job.id());
                if (running != null && !running.contains(job.id())) {
                    started.add(job);
                }
            }
        }
        JobState unseen = null;
        if (finished != null
                && pending != null
                && !pending.contains(finished.id())
                && !running.contains(finished.id())
                && !nowPending.contains(finished.id())
                && !nowRunning.contains(finished.id())
                && !gone.contains(finished.id())) {
            unseen = finished;
        }
        if (pending != null) {
            remember(pending, nowPending, nowRunning);
            remember(running, nowPending, nowRunning);
        }
        pending = nowPending;
        running = nowRunning;
        return arrived.isEmpty() && started.isEmpty() && unseen == null
                ? Moves.NONE
                : new Moves(List.copyOf(arrived), List.copyOf(started), unseen);
    }

    private void remember(Set<Long> before, Set<Long> nowPending, Set<Long> nowRunning) {
        for (Long id : before) {
            if (!nowPending.contains(id) && !nowRunning.contains(id)) {
                gone.remove(id);
                gone.add(id);
                if (gone.size() > GONE) {
                    gone.remove(gone.iterator().next());
                }
            }
        }
    }
}
