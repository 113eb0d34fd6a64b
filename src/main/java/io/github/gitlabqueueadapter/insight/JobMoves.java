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
 * jobs first seen finished. Each job arrives and starts once: it remembers the ids of the last state's jobs, and of
 * the last {@value #GONE} jobs that arrived, started or left it (a poll can drop a finished job before its job event
 * arrives; states observed out of order, or a capped listing, can show a job again), so its memory follows the
 * state's size.
 * The first state it sees is the baseline: jobs already waiting or running then are neither arrivals nor starts (the
 * adapter did not see them arrive; a job that has run for an hour did not just start).
 */
final class JobMoves {

    /**
     * The moves one new state showed.
     *
     * @param started jobs that started, each once, with its wait ({@code queuedSeconds}, final once a job runs; null
     *     when GitLab gave none): running now and not before, or finished by a job event that names its runner
     *     without the adapter having seen it run (its running hook lost or late)
     * @param finishedUnseen a job event's job seen only finished: neither waiting nor running before, ever
     */
    record Moves(List<JobState> arrived, List<JobState> started, JobState finishedUnseen) {

        static final Moves NONE = new Moves(List.of(), List.of(), null);
    }

    static final int GONE = 256;

    private Set<Long> pending;
    private Set<Long> running;
    private final LinkedHashSet<Long> gone = new LinkedHashSet<>();
    private final LinkedHashSet<Long> arrivedOnce = new LinkedHashSet<>();
    private final LinkedHashSet<Long> startedOnce = new LinkedHashSet<>();
    /** Jobs in the last state. */
    private int size;

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
        size = jobs.size();
        if (pending == null) { // the baseline: what waits or runs already neither arrives nor starts later
            for (JobState job : jobs) {
                remember(job.isRunning() ? startedOnce : arrivedOnce, job.id());
            }
        }
        for (JobState job : jobs) {
            if (job.isPending()) {
                nowPending.add(job.id());
                if (pending != null
                        && !pending.contains(job.id())
                        && !running.contains(job.id())
                        && !startedOnce.contains(job.id())
                        && remember(arrivedOnce, job.id())) {
                    arrived.add(job);
                }
            } else if (job.isRunning()) {
                nowRunning.add(job.id());
                if (running != null && !running.contains(job.id()) && remember(startedOnce, job.id())) {
                    started.add(job);
                }
            }
        }
        JobState unseen = null;
        if (finished != null && pending != null && !running.contains(finished.id())) {
            boolean seen = pending.contains(finished.id())
                    || nowPending.contains(finished.id())
                    || nowRunning.contains(finished.id())
                    || gone.contains(finished.id());
            if (!seen) {
                unseen = finished;
            }
            if (finished.runnerId() != null && remember(startedOnce, finished.id())) {
                started.add(asRunning(finished)); // it ran: its event carries the runner and the final wait
            }
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

    /** Adds {@code id} to a bounded memory ({@link #GONE}, or twice the state's jobs); false when it was there. */
    private boolean remember(LinkedHashSet<Long> once, long id) {
        if (!once.add(id)) {
            return false;
        }
        while (once.size() > Math.max(GONE, 2 * size)) {
            once.remove(once.iterator().next());
        }
        return true;
    }

    /** A finished job, as the queues' filters see a job that ran. */
    static JobState asRunning(JobState job) {
        return new JobState(
                job.id(),
                JobState.RUNNING,
                job.tags(),
                job.runnerId(),
                job.runnerDescription(),
                job.queuedSeconds(),
                job.createdAt(),
                job.tagsKnown(),
                job.ref());
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
