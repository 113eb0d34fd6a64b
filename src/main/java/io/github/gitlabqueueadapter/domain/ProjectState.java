package io.github.gitlabqueueadapter.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything known about one watched project: its last good snapshot, how the last poll went, and what job events
 * told since.
 *
 * @param lastGood the newest snapshot from a successful poll (events applied to it), or null before the first one
 * @param lastFailure why the last poll failed, or null when it succeeded
 * @param events what job events left behind: when the last one changed the queue, and the jobs they saw finish
 */
public record ProjectState(
        ProjectRef project,
        ProjectSnapshot lastGood,
        Instant lastAttemptAt,
        PollFailure lastFailure,
        EventMemory events) {

    public static ProjectState unpolled(ProjectRef project) {
        return new ProjectState(project, null, null, null, EventMemory.NONE);
    }

    /**
     * A poll's snapshot replaces the jobs whole: the poll is the source of truth. A job an event saw finish is left
     * out only when the poll began before that event (it was reading a list that was already old); a poll that began
     * after the finish and still lists the job is GitLab saying it is live, and wins.
     */
    public ProjectState withSuccess(ProjectSnapshot snapshot) {
        if (events.finished().isEmpty()) {
            return new ProjectState(
                    project, snapshot, snapshot.observedAt(), null, checked(events, snapshot.jobs(), snapshot));
        }
        List<JobState> kept = new ArrayList<>();
        Set<Long> live = new HashSet<>();
        for (JobState job : snapshot.jobs()) {
            Instant finishedAt = events.finishedAt(job.id());
            if (finishedAt == null) {
                kept.add(job);
            } else if (snapshot.startedAt().isAfter(finishedAt)) {
                kept.add(job);
                live.add(job.id());
            }
        }
        EventMemory memory = checked(live.isEmpty() ? events : events.without(live), kept, snapshot);
        ProjectSnapshot listed = kept.size() == snapshot.jobs().size() ? snapshot : snapshot.withJobs(kept);
        return new ProjectState(project, listed, snapshot.observedAt(), null, memory);
    }

    /**
     * Events that missed a change (see {@link EventFeed}) stop counting as flowing. A capped reading lists only some
     * jobs, so it proves nothing either way.
     */
    private EventMemory checked(EventMemory memory, List<JobState> listed, ProjectSnapshot snapshot) {
        if (!memory.flowing() || lastGood == null || snapshot.capped() || lastGood.capped()) {
            return memory;
        }
        return memory.flowing(!EventFeed.missedChange(lastGood, memory.lastEventAt(), listed, snapshot.startedAt()));
    }

    /** A job event arrived for the project: from now on its events are relied on, until a poll finds one missing. */
    public ProjectState withEventsArriving() {
        return events.flowing()
                ? this
                : new ProjectState(project, lastGood, lastAttemptAt, lastFailure, events.flowing(true));
    }

    public ProjectState withFailure(PollFailure failure) {
        return new ProjectState(project, lastGood, failure.at(), failure, events);
    }

    /** A job event changed the jobs of the last good snapshot. */
    public ProjectState withEvent(ProjectSnapshot changed, EventMemory memory) {
        return new ProjectState(project, changed, lastAttemptAt, lastFailure, memory);
    }
}
