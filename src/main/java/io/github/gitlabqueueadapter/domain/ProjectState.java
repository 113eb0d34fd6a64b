package io.github.gitlabqueueadapter.domain;

import java.time.Instant;

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
     * A poll's snapshot replaces the jobs whole: the poll is the source of truth. Only jobs that an event saw finish
     * are left out: a poll that was reading while the event came may still list them, and no job finishes twice.
     */
    public ProjectState withSuccess(ProjectSnapshot snapshot) {
        ProjectSnapshot kept = snapshot;
        if (!events.finishedJobs().isEmpty() && snapshot.jobs().stream().anyMatch(j -> events.finished(j.id()))) {
            kept = new ProjectSnapshot(
                    snapshot.project(),
                    snapshot.jobs().stream()
                            .filter(j -> !events.finished(j.id()))
                            .toList(),
                    snapshot.observedAt(),
                    snapshot.capped(),
                    snapshot.pages());
        }
        return new ProjectState(project, kept, snapshot.observedAt(), null, events);
    }

    public ProjectState withFailure(PollFailure failure) {
        return new ProjectState(project, lastGood, failure.at(), failure, events);
    }

    /** A job event changed the jobs of the last good snapshot. */
    public ProjectState withEvent(ProjectSnapshot changed, EventMemory memory) {
        return new ProjectState(project, changed, lastAttemptAt, lastFailure, memory);
    }
}
