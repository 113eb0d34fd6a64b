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
     * A poll's snapshot replaces the jobs whole: the poll is the source of truth, except for what happened after it
     * began reading. A job an event saw finish is left out only when the poll began before that event (it was
     * reading a list that was already old); a poll that began after the finish and still lists the job is GitLab
     * saying it is live, and wins. Likewise a job an event made pending or running after the poll began stays as the
     * event left it, when the poll missed it or listed it in an earlier status.
     */
    public ProjectState withSuccess(ProjectSnapshot snapshot) {
        Instant started = snapshot.startedAt();
        List<JobState> kept = new ArrayList<>();
        Set<Long> live = new HashSet<>();
        for (JobState job : snapshot.jobs()) {
            Instant finishedAt = events.finishedAt(job.id());
            if (finishedAt == null) {
                kept.add(job);
            } else if (started.isAfter(finishedAt)) {
                kept.add(job);
                live.add(job.id());
            }
        }
        if (lastGood != null) {
            keepNewerEvents(kept, started);
        }
        EventMemory memory = (live.isEmpty() ? events : events.withoutFinished(live)).movesAfter(started);
        if (lastGood != null && !snapshot.capped() && !lastGood.capped()) {
            // a capped reading lists only some jobs, so it proves nothing about events either way
            memory = EventFeed.afterPoll(memory, lastGood.jobs(), kept, started);
            if (memory.lastEventAt() != null) { // only events can be late: a project without any needs no marks
                memory = memory.withGone(gone(lastGood.jobs(), kept), started);
            }
        }
        ProjectSnapshot listed = kept.equals(snapshot.jobs()) ? snapshot : snapshot.withJobs(kept);
        return new ProjectState(project, listed, snapshot.observedAt(), null, memory);
    }

    /** The jobs of {@code before} that {@code listed} no longer has: they left the queue. */
    private static Set<Long> gone(List<JobState> before, List<JobState> listed) {
        Set<Long> ids = new HashSet<>();
        before.forEach(job -> ids.add(job.id()));
        listed.forEach(job -> ids.remove(job.id()));
        return ids;
    }

    /** Puts back the jobs events moved after {@code started}, where the poll has them missing or behind. */
    private void keepNewerEvents(List<JobState> kept, Instant started) {
        for (JobState known : lastGood.jobs()) {
            Instant movedAt = events.movedAt(known.id());
            if (movedAt == null || !movedAt.isAfter(started)) {
                continue;
            }
            int index = -1;
            for (int i = 0; i < kept.size(); i++) {
                if (kept.get(i).id() == known.id()) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                kept.add(known);
            } else if (JobEventApplier.rank(kept.get(index).status()) < JobEventApplier.rank(known.status())) {
                kept.set(index, known);
            }
        }
    }

    /** A job event arrived for the project: from now on its events are relied on, until a poll finds one missing. */
    public ProjectState withEventsArriving() {
        EventMemory arriving = events.arriving();
        return arriving == events ? this : new ProjectState(project, lastGood, lastAttemptAt, lastFailure, arriving);
    }

    /** An event about this job arrived: events are relied on, and a difference a poll found for the job explained. */
    ProjectState withEventAbout(long jobId) {
        EventMemory explained = events.eventFor(jobId);
        return explained == events ? this : new ProjectState(project, lastGood, lastAttemptAt, lastFailure, explained);
    }

    public ProjectState withFailure(PollFailure failure) {
        return new ProjectState(project, lastGood, failure.at(), failure, events);
    }

    /** A job event changed the jobs of the last good snapshot. */
    public ProjectState withEvent(ProjectSnapshot changed, EventMemory memory) {
        return new ProjectState(project, changed, lastAttemptAt, lastFailure, memory);
    }
}
