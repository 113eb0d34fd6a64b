package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.JobEventApplier.Outcome;
import io.github.gitlabqueueadapter.support.Jobs;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A late event never counts a finished job again, however many jobs finished since, and a flood of events cannot
 * make a project's state outgrow what a poll reads.
 */
class LateEventsTest {

    private static final ProjectRef PROJECT = ProjectRef.parse("g/app");
    private static final Instant POLLED = Instant.parse("2026-11-20T10:00:00Z");

    private static ProjectState polled(JobState... jobs) {
        return ProjectState.unpolled(PROJECT)
                .withSuccess(new ProjectSnapshot(PROJECT, List.of(jobs), POLLED, false, 1));
    }

    private static JobEvent event(long id, String status) {
        return new JobEvent(Jobs.job(id, status).queued(1.0).tagsUnknown().build());
    }

    private static JobEventApplier.Result apply(ProjectState state, long id, String status, int second) {
        return JobEventApplier.apply(state, event(id, status), POLLED.plusSeconds(second));
    }

    @Test
    void pendingEventsForJobsThatFinishedBeforeFifteenHundredOthersAreNotCounted() {
        ProjectState state = polled();
        for (long id = 1; id <= 1500; id++) {
            state = apply(state, id, "success", 1).state();
        }
        for (long id = 1; id <= 10; id++) {
            JobEventApplier.Result late = apply(state, id, "pending", 2);
            assertEquals(Outcome.CHECKING, late.outcome(), "job " + id + ": its finish was forgotten, not its order");
            state = late.state();
        }
        assertEquals(0, QueueCount.of(state.lastGood(), POLLED.plusSeconds(3)).pending());
        for (long id = 1491; id <= 1500; id++) {
            assertEquals(Outcome.OUTDATED, apply(state, id, "running", 4).outcome(), "remembered: late");
        }
        assertTrue(state.events().finished().size() <= EventMemory.MAX_JOBS);
    }

    @Test
    void aJobNewerThanEveryForgottenFinishStillCountsAtOnce() {
        ProjectState state = polled();
        for (long id = 1; id <= 1500; id++) {
            state = apply(state, id, "success", 1).state();
        }
        JobEventApplier.Result fresh = apply(state, 1501, "pending", 2);
        assertEquals(Outcome.APPLIED, fresh.outcome());
        assertEquals(
                1,
                QueueCount.of(fresh.state().lastGood(), POLLED.plusSeconds(2)).pending());
    }

    @Test
    void aJobGoneFromACompletePollIsLateWhenAnEventBringsItBack() {
        JobState waiting = Jobs.pending(5).queued(1.0).build();
        ProjectState fed = apply(polled(waiting), 6, "pending", 1).state(); // events arrive for the project
        ProjectState gone = fed.withSuccess(new ProjectSnapshot(
                PROJECT,
                List.of(Jobs.pending(6).queued(1.0).build()),
                POLLED.plusSeconds(11),
                false,
                1,
                POLLED.plusSeconds(10)));
        assertEquals(Outcome.OUTDATED, apply(gone, 5, "pending", 12).outcome(), "its pending hook came late");
        assertEquals(Outcome.OUTDATED, apply(gone, 5, "running", 12).outcome());
    }

    @Test
    void eventsAddNoJobPastWhatAPollReadsAndTheNumberSaysItIsCapped() {
        ProjectState state = polled(Jobs.pending(1).queued(1.0).build());
        state = JobEventApplier.apply(state, event(2, "pending"), POLLED, 2).state();
        JobEventApplier.Result third = JobEventApplier.apply(state, event(3, "pending"), POLLED, 2);

        assertEquals(Outcome.CAPPED, third.outcome());
        assertEquals(2, third.state().lastGood().jobs().size());
        assertTrue(third.state().lastGood().capped(), "the number reads as 'at least', as after a capped poll");
        assertEquals(
                Outcome.APPLIED,
                JobEventApplier.apply(third.state(), event(1, "running"), POLLED, 2)
                        .outcome(),
                "a job already held still moves");
    }

    private static JobEvent tagged(long id, List<String> tags) {
        return new JobEvent(Jobs.pending(id).tags(tags).queued(1.0).build());
    }

    @Test
    void aFloodOfNewTagsStopsAtTheProjectsBoundWhileSharedTagsCostOneCopy() {
        ProjectState state = polled();
        int applied = 0;
        JobEventApplier.Result last = null;
        for (long id = 1; id <= 100; id++) {
            final long job = id;
            List<String> unique = java.util.stream.IntStream.range(0, JobLimits.MAX_TAGS)
                    .mapToObj(i -> (job + "-" + i + "-").repeat(255).substring(0, JobLimits.MAX_TAG_LENGTH))
                    .toList();
            last = JobEventApplier.apply(state, tagged(id, unique), POLLED, 5000);
            applied += last.outcome() == Outcome.APPLIED ? 1 : 0;
            state = last.state();
        }
        assertEquals(Outcome.CAPPED, last.outcome());
        assertTrue(state.lastGood().capped());
        long chars = state.lastGood().jobs().stream()
                .flatMap(j -> j.tags().stream())
                .distinct()
                .mapToLong(String::length)
                .sum();
        assertTrue(chars <= JobLimits.MAX_DISTINCT_TAG_CHARS, chars + " characters of tags held");
        assertEquals(applied, state.lastGood().jobs().size());
        assertTrue(applied >= 10, applied + " jobs of 12,750 characters of tags fit, not fewer");

        ProjectState shared = polled();
        for (long id = 1; id <= 3000; id++) {
            shared = JobEventApplier.apply(shared, tagged(id, List.of(new String("docker"))), POLLED, 5000)
                    .state();
        }
        assertEquals(3000, QueueCount.of(shared.lastGood(), POLLED).pending());
        List<JobState> jobs = shared.lastGood().jobs();
        org.junit.jupiter.api.Assertions.assertSame(
                jobs.get(0).tags().get(0), jobs.get(2999).tags().get(0), "one copy of a tag every job has");
    }

    @Test
    void aStoredJobFromTheEdgeOfTimeIsCountedWithoutFailing() {
        JobState ancient = Jobs.pending(1)
                .createdAt(Instant.parse("-999999999-01-01T00:00:00Z"))
                .build();
        JobState future = Jobs.pending(2).createdAt(Instant.MAX).build();
        QueueCount count = QueueCount.of(
                new ProjectSnapshot(PROJECT, List.of(ancient, future), POLLED, false, 1), POLLED.plusSeconds(5));
        assertEquals(2, count.pending());
        assertTrue(Double.isFinite(count.oldestPendingSeconds()));
    }
}
