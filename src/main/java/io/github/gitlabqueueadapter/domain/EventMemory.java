package io.github.gitlabqueueadapter.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What job events leave behind for one project: when the last one changed the queue, and the jobs they saw finish
 * and when, so that a late "pending" or "running" for a finished job, or a poll that was already reading when the job
 * finished, cannot bring it back. At most {@link #MAX_FINISHED} are kept, the oldest forgotten first.
 *
 * @param flowing job events arrive for this project and no poll since found a change they did not announce: it is
 *     polled at the reconcile interval only (see {@link PollCadence})
 */
public record EventMemory(Instant lastEventAt, List<Finish> finished, boolean flowing) {

    /** Finished jobs remembered per project. */
    public static final int MAX_FINISHED = 1000;

    public static final EventMemory NONE = new EventMemory(null, List.of(), false);

    /** A job an event saw finish, and when the event was applied. */
    public record Finish(long jobId, Instant at) {}

    public EventMemory {
        finished = List.copyOf(finished);
    }

    public boolean finished(long jobId) {
        return finishedAt(jobId) != null;
    }

    /** When an event saw the job finish, or null. */
    public Instant finishedAt(long jobId) {
        for (Finish finish : finished) {
            if (finish.jobId() == jobId) {
                return finish.at();
            }
        }
        return null;
    }

    EventMemory withFinished(long jobId, Instant at) {
        List<Finish> kept = new ArrayList<>(finished);
        kept.removeIf(f -> f.jobId() == jobId);
        kept.add(new Finish(jobId, at));
        return new EventMemory(at, kept.subList(Math.max(0, kept.size() - MAX_FINISHED), kept.size()), flowing);
    }

    /** Forgets these jobs' finish: GitLab, asked after it, still lists them. */
    EventMemory without(Set<Long> jobIds) {
        List<Finish> kept = new ArrayList<>(finished);
        kept.removeIf(f -> jobIds.contains(f.jobId()));
        return new EventMemory(lastEventAt, kept, flowing);
    }

    EventMemory at(Instant at) {
        return new EventMemory(at, finished, flowing);
    }

    /** Events arrive (again), or a poll found that they missed a change. */
    EventMemory flowing(boolean flowing) {
        return flowing == this.flowing ? this : new EventMemory(lastEventAt, finished, flowing);
    }
}
