package io.github.gitlabqueueadapter.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What job events leave behind for one project: when the last one changed the queue, and the ids of the jobs they saw
 * finish, so that a late "pending" or "running" for a finished job cannot bring it back. At most {@link #MAX_FINISHED}
 * ids are kept, the oldest forgotten first.
 */
public record EventMemory(Instant lastEventAt, List<Long> finishedJobs) {

    /** Finished job ids remembered per project. */
    public static final int MAX_FINISHED = 1000;

    public static final EventMemory NONE = new EventMemory(null, List.of());

    public EventMemory {
        finishedJobs = List.copyOf(finishedJobs);
    }

    public boolean finished(long jobId) {
        return finishedJobs.contains(jobId);
    }

    EventMemory withFinished(long jobId, Instant at) {
        Set<Long> ids = new LinkedHashSet<>(finishedJobs);
        ids.add(jobId);
        List<Long> kept = new ArrayList<>(ids);
        return new EventMemory(at, kept.subList(Math.max(0, kept.size() - MAX_FINISHED), kept.size()));
    }

    EventMemory at(Instant at) {
        return new EventMemory(at, finishedJobs);
    }
}
