package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.domain.JobEventApplier.Outcome;
import io.github.gitlabqueueadapter.support.Jobs;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How job events change a project's state, without Quarkus: forward only, and only for jobs in the queue. */
class JobEventApplierTest {

    private static final ProjectRef PROJECT = ProjectRef.parse("g/app");
    private static final Instant POLLED = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant NOW = POLLED.plusSeconds(10);

    private static ProjectState polled(JobState... jobs) {
        return ProjectState.unpolled(PROJECT)
                .withSuccess(new ProjectSnapshot(PROJECT, List.of(jobs), POLLED, false, 1));
    }

    private static JobEvent event(long id, String status, List<String> tags, Long runner) {
        return new JobEvent(Jobs.job(id, status)
                .tags(tags)
                .runner(runner, runner == null ? null : "r")
                .queued(5.0)
                .tagsKnown(tags != null)
                .build());
    }

    private static JobState only(ProjectState state) {
        assertEquals(1, state.lastGood().jobs().size());
        return state.lastGood().jobs().get(0);
    }

    @Test
    void aPendingJobJoinsWithItsTagsAndItsWaitAsOfTheEvent() {
        JobEventApplier.Result result =
                JobEventApplier.apply(polled(), event(1, "pending", List.of("docker"), null), NOW);
        assertEquals(Outcome.APPLIED, result.outcome());
        assertEquals(List.of("docker"), only(result.state()).tags());
        assertEquals(
                5.0,
                QueueCount.of(result.state().lastGood(), NOW).oldestPendingSeconds(),
                1e-9,
                "5 s queued when the event came, not 5 s plus the snapshot's age");
        assertEquals(NOW, result.state().events().lastEventAt());
    }

    @Test
    void runningKeepsTheTagsAndNamesTheRunnerAndFinishedLeaves() {
        ProjectState state = polled(Jobs.pending(1).tags("docker").queued(3.0).build());
        ProjectState running = JobEventApplier.apply(state, event(1, "running", null, 17L), NOW)
                .state();
        assertEquals("running", only(running).status());
        assertEquals(17L, only(running).runnerId());
        assertEquals(List.of("docker"), only(running).tags());
        assertEquals(5.0, only(running).queuedSeconds(), 1e-9, "a running job's wait is final: kept as the event said");

        ProjectState done = JobEventApplier.apply(running, event(1, "success", null, 17L), NOW)
                .state();
        assertEquals(List.of(), done.lastGood().jobs());
        assertEquals(
                Outcome.OUTDATED,
                JobEventApplier.apply(done, event(1, "running", null, 17L), NOW).outcome());
        assertEquals(
                Outcome.OUTDATED,
                JobEventApplier.apply(done, event(1, "pending", List.of(), null), NOW)
                        .outcome());
    }

    @Test
    void nothingGoesBackAndNothingOutsideTheQueueCounts() {
        ProjectState running =
                polled(Jobs.running(1).runner(17L, "r").queued(1.0).build());
        for (String status : List.of("pending", "running", "created")) {
            JobEventApplier.Result result = JobEventApplier.apply(running, event(1, status, List.of(), null), NOW);
            assertEquals(Outcome.OUTDATED, result.outcome(), status);
            assertSame(running.lastGood(), result.state().lastGood(), "the jobs are as they were");
        }
        for (String status : List.of("created", "manual", "scheduled", "waiting_for_resource")) {
            assertEquals(
                    Outcome.NOT_IN_QUEUE,
                    JobEventApplier.apply(polled(), event(2, status, List.of(), null), NOW)
                            .outcome());
        }
    }

    @Test
    void beforeTheFirstPollTheEventWaitsForThePoll() {
        assertEquals(
                Outcome.NOT_POLLED_YET,
                JobEventApplier.apply(ProjectState.unpolled(PROJECT), event(1, "pending", List.of(), null), NOW)
                        .outcome());
    }

    @Test
    void aTaglessPendingJobCountsAtOnceButNoTagFilterTakesItUntilItsTagsAreRead() {
        JobEventApplier.Result tagless = JobEventApplier.apply(polled(), event(1, "pending", null, null), NOW);
        assertEquals(Outcome.APPLIED, tagless.outcome());
        JobState job = only(tagless.state());
        assertFalse(job.tagsKnown());
        QueueFilter untaggedRunners = new QueueFilter(new RunnerMatcher(java.util.Set.of(), true), null);
        assertTrue(QueueFilter.ALL.countsPending(job), "the project's own queue counts it now");
        assertFalse(untaggedRunners.countsPending(job), "a runner that takes untagged jobs may not take it");
        JobState known = only(JobEventApplier.apply(
                        polled(Jobs.pending(1).tags("docker").queued(1.0).build()), event(1, "running", null, 17L), NOW)
                .state());
        assertTrue(known.tagsKnown(), "a tagless event keeps the tags a poll read");
        assertEquals(List.of("docker"), known.tags());
    }

    @Test
    void aPollReplacesTheJobsButKeepsWhatEventsRemember() {
        ProjectState finished = JobEventApplier.apply(
                        polled(Jobs.running(1).runner(17L, "r").queued(1.0).build()),
                        event(1, "failed", null, 17L),
                        NOW)
                .state();
        ProjectState repolled =
                finished.withSuccess(new ProjectSnapshot(PROJECT, List.of(), NOW.plusSeconds(5), false, 1));
        assertEquals(NOW, repolled.events().lastEventAt());
        assertEquals(
                Outcome.OUTDATED,
                JobEventApplier.apply(repolled, event(1, "running", null, 17L), NOW)
                        .outcome());
    }

    @Test
    void aPollThatReadBeforeTheFinishDoesNotBringTheJobBack() {
        ProjectState finished = JobEventApplier.apply(
                        polled(Jobs.running(1).runner(17L, "r").queued(1.0).build()),
                        event(1, "success", null, 17L),
                        NOW)
                .state();
        ProjectState stalePoll = finished.withSuccess(new ProjectSnapshot(
                PROJECT,
                List.of(
                        Jobs.running(1).runner(17L, "r").queued(1.0).build(),
                        Jobs.pending(2).queued(1.0).build()),
                NOW,
                false,
                1));
        assertEquals(
                List.of(2L),
                stalePoll.lastGood().jobs().stream().map(JobState::id).toList());
    }

    @Test
    void aFinishEventStopsAnOlderPollFromRevivingTheJobButANewerPollThatListsItWins() {
        ProjectState finished = JobEventApplier.apply(
                        polled(Jobs.pending(1).tags("docker").queued(1.0).build()),
                        event(1, "success", null, null),
                        NOW)
                .state();
        List<JobState> listed =
                List.of(Jobs.pending(1).tags("docker").queued(1.0).build());

        ProjectState older = finished.withSuccess(
                new ProjectSnapshot(PROJECT, listed, NOW.plusSeconds(2), false, 1, NOW.minusSeconds(1)));
        assertTrue(older.lastGood().jobs().isEmpty(), "the poll was reading before the job finished");

        ProjectState newer = finished.withSuccess(
                new ProjectSnapshot(PROJECT, listed, NOW.plusSeconds(61), false, 1, NOW.plusSeconds(60)));
        assertEquals(1, newer.lastGood().jobs().size(), "asked after the finish, GitLab still lists it: it is live");
        assertFalse(newer.events().finished(1));
        assertEquals(
                Outcome.APPLIED,
                JobEventApplier.apply(newer, event(1, "running", null, 17L), NOW.plusSeconds(62))
                        .outcome(),
                "and events move it again");
    }
}
