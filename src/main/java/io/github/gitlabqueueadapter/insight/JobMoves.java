package io.github.gitlabqueueadapter.insight;

import io.github.gitlabqueueadapter.domain.JobState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    /** The last state's waiting and running jobs, sorted; null before the first state. */
    private long[] pending;

    private long[] running;
    private final JobIdMemory gone = new JobIdMemory();
    private final JobIdMemory arrivedOnce = new JobIdMemory();
    private final JobIdMemory startedOnce = new JobIdMemory();
    /** Jobs in the last state. */
    private int size;

    /**
     * The moves from the last state to {@code jobs}.
     *
     * @param finished the job of a job event that finished it, or null
     */
    synchronized Moves observe(List<JobState> jobs, JobState finished) {
        long[] nowPending = ids(jobs, true);
        long[] nowRunning = ids(jobs, false);
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
                if (pending != null
                        && !has(pending, job.id())
                        && !has(running, job.id())
                        && !startedOnce.contains(job.id())
                        && remember(arrivedOnce, job.id())) {
                    arrived.add(job);
                }
            } else if (job.isRunning()) {
                if (running != null && !has(running, job.id()) && remember(startedOnce, job.id())) {
                    started.add(job);
                }
            }
        }
        JobState unseen = null;
        if (finished != null && pending != null && !has(running, finished.id())) {
            boolean seen = has(pending, finished.id())
                    || has(nowPending, finished.id())
                    || has(nowRunning, finished.id())
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

    /** The ids of the waiting (or running) jobs, sorted. */
    private static long[] ids(List<JobState> jobs, boolean waiting) {
        long[] ids = new long[jobs.size()];
        int n = 0;
        for (JobState job : jobs) {
            if (waiting ? job.isPending() : job.isRunning()) {
                ids[n++] = job.id();
            }
        }
        long[] kept = Arrays.copyOf(ids, n);
        Arrays.sort(kept);
        return kept;
    }

    private static boolean has(long[] sorted, long id) {
        return Arrays.binarySearch(sorted, id) >= 0;
    }

    /** Adds {@code id} to a bounded memory ({@link #GONE}, or twice the state's jobs); false when it was there. */
    private boolean remember(JobIdMemory once, long id) {
        return once.add(id, Math.max(GONE, 2 * size));
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

    private void remember(long[] before, long[] nowPending, long[] nowRunning) {
        for (long id : before) {
            if (!has(nowPending, id) && !has(nowRunning, id)) {
                gone.renew(id, GONE);
            }
        }
    }
}
