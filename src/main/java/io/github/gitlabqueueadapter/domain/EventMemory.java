package io.github.gitlabqueueadapter.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What job events leave behind for one project, so that a poll that was already reading when an event arrived cannot
 * undo it, and so that lost events are noticed. At most {@link #MAX_JOBS} jobs are kept in each list, the oldest
 * forgotten first.
 *
 * @param lastEventAt when an event last changed the queue, or null
 * @param finished the jobs events saw finish, and when: a late "pending" or "running", or a poll that began before
 *     the finish, cannot bring them back
 * @param moved the jobs events made pending or running, and when: a poll that began before cannot take them back;
 *     forgotten once a poll that began after them has read the project
 * @param flowing job events arrive for this project, and no change a poll found stayed unannounced: it is polled at
 *     the reconcile interval only (see {@link PollCadence})
 * @param suspects jobs a poll listed otherwise than events had said, which no event has explained since; null when
 *     none. Still unexplained at a poll {@link EventFeed#GRACE} later, they stop the project counting as fed by events
 * @param forgottenUpTo the highest job id whose finish was forgotten to keep {@code finished} within
 *     {@link #MAX_JOBS} (0: none). {@code finished} keeps the highest ids, so a job at or below it that is not in
 *     {@code finished} may have finished: an event cannot tell, and GitLab is asked (see {@link #mayHaveFinished})
 */
public record EventMemory(
        Instant lastEventAt,
        List<Mark> finished,
        List<Mark> moved,
        boolean flowing,
        Suspects suspects,
        long forgottenUpTo) {

    /** Jobs remembered per list and project. */
    public static final int MAX_JOBS = 1000;

    public static final EventMemory NONE = new EventMemory(null, List.of(), List.of(), false, null, 0);

    /** A job and when an event about it was applied. */
    public record Mark(long jobId, Instant at) {}

    /** Jobs whose difference a poll found at {@code since}, not explained by an event yet. */
    public record Suspects(Set<Long> jobs, Instant since) {

        public Suspects {
            jobs = Set.copyOf(jobs);
        }
    }

    public EventMemory {
        finished = List.copyOf(finished);
        moved = List.copyOf(moved);
    }

    public boolean finished(long jobId) {
        return finishedAt(jobId) != null;
    }

    /**
     * Whether the job may have finished although {@code finished} does not hold it: its finish could be one of those
     * forgotten. GitLab numbers jobs in the order it creates them, and the finishes kept are those of the highest ids.
     */
    public boolean mayHaveFinished(long jobId) {
        return jobId <= forgottenUpTo && !finished(jobId);
    }

    /** When an event saw the job finish, or null. */
    public Instant finishedAt(long jobId) {
        return at(finished, jobId);
    }

    /** When an event last made the job pending or running, or null. */
    public Instant movedAt(long jobId) {
        return at(moved, jobId);
    }

    private static Instant at(List<Mark> marks, long jobId) {
        for (Mark mark : marks) {
            if (mark.jobId() == jobId) {
                return mark.at();
            }
        }
        return null;
    }

    /** The moves with this one, the oldest forgotten past {@link #MAX_JOBS}. */
    private static List<Mark> with(List<Mark> marks, long jobId, Instant at) {
        List<Mark> kept = new ArrayList<>(marks);
        kept.removeIf(m -> m.jobId() == jobId);
        kept.add(new Mark(jobId, at));
        return kept.subList(Math.max(0, kept.size() - MAX_JOBS), kept.size());
    }

    /** The finishes with these, the lowest ids forgotten past {@link #MAX_JOBS} (and {@link #forgottenUpTo} raised). */
    private EventMemory withFinishes(List<Mark> marks) {
        List<Mark> kept = new ArrayList<>(finished);
        Set<Long> ids = new HashSet<>();
        marks.forEach(m -> ids.add(m.jobId()));
        kept.removeIf(m -> ids.contains(m.jobId()));
        kept.addAll(marks);
        long forgotten = forgottenUpTo;
        if (kept.size() > MAX_JOBS) {
            kept.sort(java.util.Comparator.comparingLong(Mark::jobId));
            List<Mark> dropped = kept.subList(0, kept.size() - MAX_JOBS);
            forgotten = Math.max(forgotten, dropped.get(dropped.size() - 1).jobId());
            dropped.clear();
        }
        return new EventMemory(lastEventAt, kept, moved, flowing, suspects, forgotten);
    }

    private static List<Mark> without(List<Mark> marks, long jobId) {
        return marks.stream().filter(m -> m.jobId() != jobId).toList();
    }

    EventMemory withFinished(long jobId, Instant at) {
        EventMemory marked = withFinishes(List.of(new Mark(jobId, at)));
        return new EventMemory(at, marked.finished, without(moved, jobId), flowing, suspects, marked.forgottenUpTo);
    }

    /**
     * Jobs a complete poll that began at {@code at} no longer listed: they left the queue (GitLab lists every pending
     * and running job), so an event that says otherwise later is late.
     */
    EventMemory withGone(Set<Long> jobIds, Instant at) {
        if (jobIds.isEmpty()) {
            return this;
        }
        return withFinishes(jobIds.stream().sorted().map(id -> new Mark(id, at)).toList());
    }

    EventMemory withMoved(long jobId, Instant at) {
        return new EventMemory(at, finished, with(moved, jobId, at), flowing, suspects, forgottenUpTo);
    }

    /** Forgets these jobs' finish: GitLab, asked after it, still lists them. */
    EventMemory withoutFinished(Set<Long> jobIds) {
        List<Mark> kept =
                finished.stream().filter(m -> !jobIds.contains(m.jobId())).toList();
        return new EventMemory(lastEventAt, kept, moved, flowing, suspects, forgottenUpTo);
    }

    /** Forgets the moves a poll that began at {@code pollStart} has read past: from now on that poll is the truth. */
    EventMemory movesAfter(Instant pollStart) {
        List<Mark> kept = moved.stream().filter(m -> m.at().isAfter(pollStart)).toList();
        return kept.size() == moved.size()
                ? this
                : new EventMemory(lastEventAt, finished, kept, flowing, suspects, forgottenUpTo);
    }

    /** An event arrived: the project's events flow. */
    EventMemory arriving() {
        return flowing ? this : new EventMemory(lastEventAt, finished, moved, true, suspects, forgottenUpTo);
    }

    /** An event about {@code jobId} arrived: events flow, and that job's difference, if any, is explained. */
    EventMemory eventFor(long jobId) {
        Suspects left = suspects;
        if (left != null && left.jobs().contains(jobId)) {
            Set<Long> jobs = new HashSet<>(left.jobs());
            jobs.remove(jobId);
            left = jobs.isEmpty() ? null : new Suspects(jobs, left.since());
        }
        return flowing && left == suspects
                ? this
                : new EventMemory(lastEventAt, finished, moved, true, left, forgottenUpTo);
    }

    EventMemory flowing(boolean flowing, Suspects suspects) {
        return new EventMemory(lastEventAt, finished, moved, flowing, suspects, forgottenUpTo);
    }
}
