package io.github.gitlabqueueadapter.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Applies one job event to a project's state, the way the next poll would see it, without ever going back in time:
 * a job moves forward from pending to running to finished, and an event that says less than what is already known
 * (a late or repeated delivery) changes nothing. The poll stays the source of truth: its snapshot replaces the jobs
 * whole and so corrects whatever a lost event left wrong.
 */
public final class JobEventApplier {

    /** What the event did. */
    public enum Outcome {
        APPLIED,
        OUTDATED,
        NOT_IN_QUEUE,
        NOT_POLLED_YET,
        /**
         * A job unknown to the state, at or below the ids whose finish was forgotten ({@link
         * EventMemory#mayHaveFinished}): the event may be late, so it is not counted; GitLab is read instead.
         */
        CHECKING,
        /** The project already holds as many jobs as a poll reads ({@code adapter.max-pages}): the count is capped. */
        CAPPED,
        /** Applied, but the store could not keep the result (it holds no state for the project any more). */
        NOT_STORED
    }

    /** The new state (the same one when nothing changed) and what happened. */
    public record Result(ProjectState state, Outcome outcome) {}

    /** Final for a job id: GitLab retries a job under a new id. ("skipped" is not: a skipped job can run later.) */
    private static final Set<String> FINISHED = Set.of("success", "failed", "canceled");

    private JobEventApplier() {}

    /** Where a status stands in a job's life as far as the queue goes: 0 before the queue, 3 done. */
    static int rank(String status) {
        if (JobState.PENDING.equals(status)) {
            return 1;
        }
        if (JobState.RUNNING.equals(status)) {
            return 2;
        }
        return FINISHED.contains(status) ? 3 : 0;
    }

    /** Applies the event without a bound on the project's jobs; for tests. */
    public static Result apply(ProjectState state, JobEvent event, Instant now) {
        return apply(state, event, now, Integer.MAX_VALUE);
    }

    /**
     * Applies the event; whatever it changes, it says the project's events arrive ({@link EventMemory#flowing()}).
     *
     * @param maxJobs most jobs a project's state holds (what a poll reads at most): an event adds none past it
     */
    public static Result apply(ProjectState state, JobEvent event, Instant now, int maxJobs) {
        return applyToJobs(state.withEventAbout(event.job().id()), event, now, maxJobs);
    }

    private static Result applyToJobs(ProjectState state, JobEvent event, Instant now, int maxJobs) {
        ProjectSnapshot snapshot = state.lastGood();
        if (snapshot == null) {
            return new Result(state, Outcome.NOT_POLLED_YET);
        }
        JobState known = snapshot.jobs().stream()
                .filter(j -> j.id() == event.job().id())
                .findFirst()
                .orElse(null);
        int knownRank = state.events().finished(event.job().id()) ? 3 : known == null ? -1 : rank(known.status());
        int eventRank = rank(event.job().status());
        if (eventRank == 0) {
            return new Result(state, knownRank > 0 ? Outcome.OUTDATED : Outcome.NOT_IN_QUEUE);
        }
        if (eventRank <= knownRank) {
            return new Result(state, Outcome.OUTDATED);
        }
        if (known == null && eventRank < 3) {
            if (state.events().mayHaveFinished(event.job().id())) {
                return new Result(state, Outcome.CHECKING);
            }
            if (snapshot.jobs().size() >= maxJobs) {
                return capped(state);
            }
        }
        List<String> eventTags = event.job().tags();
        if (event.tagsKnown() && eventRank < 3) {
            eventTags = SharedTags.of(snapshot.jobs(), eventTags);
            if (eventTags == null && known == null) {
                return capped(state); // a flood of tags from events: the project holds no more
            }
        }
        List<JobState> jobs = new ArrayList<>(snapshot.jobs());
        jobs.removeIf(j -> j.id() == event.job().id());
        EventMemory memory;
        if (eventRank == 3) {
            memory = state.events().withFinished(event.job().id(), now);
        } else {
            // a tagless event for a job not known yet: pending now, its tags to be read from GitLab (see JobState)
            boolean tagsKnown = eventTags != null && event.tagsKnown() || known != null && known.tagsKnown();
            List<String> tags =
                    eventTags != null && event.tagsKnown() ? eventTags : known != null ? known.tags() : List.of();
            // a snapshot's waits are as of its observedAt: a pending job's wait, seen later, is moved back to that
            // moment; a running job's wait is final (it stopped growing when the job started) and is kept as sent
            Double queued = known == null ? null : known.queuedSeconds(); // boxed: an event may carry no wait
            if (event.job().queuedSeconds() != null) {
                queued = eventRank == 2
                        ? event.job().queuedSeconds()
                        : event.job().queuedSeconds() - Seconds.between(snapshot.observedAt(), now);
            }
            Instant created = event.job().createdAt() != null
                    ? event.job().createdAt()
                    : known == null ? null : known.createdAt();
            jobs.add(new JobState(
                    event.job().id(),
                    event.job().status(),
                    tags,
                    eventRank == 2 ? event.job().runnerId() : null,
                    eventRank == 2 ? event.job().runnerDescription() : null,
                    queued,
                    created,
                    tagsKnown,
                    known == null ? null : known.ref()));
            memory = state.events().withMoved(event.job().id(), now);
        }
        ProjectSnapshot changed = snapshot.withJobs(jobs);
        return new Result(state.withEvent(changed, memory), Outcome.APPLIED);
    }

    /** The event adds nothing: the project holds all it may, and its number says "at least", as after a capped poll. */
    private static Result capped(ProjectState state) {
        ProjectSnapshot capped = state.lastGood().asCapped();
        return new Result(capped == state.lastGood() ? state : state.withEvent(capped, state.events()), Outcome.CAPPED);
    }
}
