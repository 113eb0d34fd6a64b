package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.support.Jobs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventFeedTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final ProjectRef PROJECT = ProjectRef.parse("team/app");
    private static final PollCadence CADENCE = new PollCadence(
            Duration.ofSeconds(15), Duration.ofMinutes(5), Duration.ofSeconds(16), Duration.ofMinutes(2));

    private static JobState job(long id, String status) {
        return Jobs.job(id, status).tags("docker").createdAt(T0).build();
    }

    private static ProjectSnapshot poll(Instant at, JobState... jobs) {
        return new ProjectSnapshot(PROJECT, List.of(jobs), at, false, 1, at);
    }

    private static JobEvent event(long id, String status) {
        return new JobEvent(Jobs.job(id, status).tagsUnknown().build());
    }

    /** Polled empty at T0, then a job event: fed by events. */
    private static ProjectState fed() {
        ProjectState polled = ProjectState.unpolled(PROJECT).withSuccess(poll(T0));
        return JobEventApplier.apply(polled, event(1, "pending"), T0.plusSeconds(1))
                .state();
    }

    @Test
    void differencesAreJobsAddedGoneOrInAnotherStatus() {
        List<JobState> before = List.of(job(1, "pending"), job(2, "running"), job(3, "pending"));
        List<JobState> listed = List.of(job(1, "pending"), job(2, "pending"), job(4, "pending"));
        assertEquals(Set.of(2L, 3L, 4L), EventFeed.differences(before, listed));
    }

    @Test
    void aProjectWhoseEventsArriveIsPolledAtTheReconcileIntervalWhileItsPollsAgree() {
        ProjectState fed = fed();
        assertTrue(fed.events().flowing());
        assertEquals(Duration.ofMinutes(5), CADENCE.interval(fed));
        ProjectState agreed = fed.withSuccess(poll(T0.plusSeconds(300), job(1, "pending")));
        assertTrue(agreed.events().flowing());
        assertNull(agreed.events().suspects());
        assertEquals(Duration.ofMinutes(5), CADENCE.interval(agreed));
    }

    @Test
    void aDifferenceWhoseEventArrivesAfterThePollIsExplainedNotASwitch() {
        // the poll sees job 2, whose pending hook is still on its way
        ProjectState suspicious = fed().withSuccess(poll(T0.plusSeconds(300), job(1, "pending"), job(2, "pending")));
        assertTrue(suspicious.events().flowing());
        assertNotNull(suspicious.events().suspects());
        assertEquals(Duration.ofSeconds(15), CADENCE.interval(suspicious), "checked again at the poll interval");

        ProjectState explained = JobEventApplier.apply(suspicious, event(2, "pending"), T0.plusSeconds(301))
                .state();
        assertNull(explained.events().suspects());
        ProjectState next = explained.withSuccess(poll(T0.plusSeconds(316), job(1, "pending"), job(2, "pending")));
        assertTrue(next.events().flowing());
        assertEquals(Duration.ofMinutes(5), CADENCE.interval(next));
    }

    @Test
    void aDifferenceStillUnexplainedAGracePeriodLaterMeansEventsAreLost() {
        ProjectState suspicious = fed().withSuccess(poll(T0.plusSeconds(300), job(1, "pending"), job(2, "pending")));
        ProjectState tooSoon = suspicious.withSuccess(poll(T0.plusSeconds(305), job(1, "pending"), job(2, "pending")));
        assertTrue(tooSoon.events().flowing(), "within the grace its event may still come");
        ProjectState lost = tooSoon.withSuccess(poll(T0.plusSeconds(316), job(1, "pending"), job(2, "pending")));
        assertFalse(lost.events().flowing(), "no event for job 2 in 16 s: back to polling");
        assertEquals(Duration.ofSeconds(15), CADENCE.interval(lost));
        ProjectState again = JobEventApplier.apply(lost, event(3, "pending"), T0.plusSeconds(400))
                .state();
        assertTrue(again.events().flowing(), "the next event puts it back");
    }

    @Test
    void aPendingJobAnEventAddedAfterThePollBeganSurvivesThatPoll() {
        ProjectState polled = ProjectState.unpolled(PROJECT).withSuccess(poll(T0));
        // a poll begins at T0+10 s and reads an empty list; the pending event arrives at T0+10.3 s
        ProjectState evented = JobEventApplier.apply(polled, event(7, "pending"), T0.plusMillis(10_300))
                .state();
        ProjectSnapshot oldRead =
                new ProjectSnapshot(PROJECT, List.of(), T0.plusMillis(10_500), false, 1, T0.plusSeconds(10));
        ProjectState after = evented.withSuccess(oldRead);
        assertEquals(
                List.of(7L), after.lastGood().jobs().stream().map(JobState::id).toList());
        assertTrue(after.lastGood().jobs().get(0).isPending());

        // a poll that began after the event is the truth again: it no longer lists the job, so it is gone
        ProjectState newer = after.withSuccess(poll(T0.plusSeconds(20)));
        assertEquals(List.of(), newer.lastGood().jobs());
    }

    @Test
    void aRunningEventAfterThePollBeganIsNotUndoneByItsOlderPending() {
        ProjectState polled = ProjectState.unpolled(PROJECT).withSuccess(poll(T0, job(7, "pending")));
        JobEvent running = new JobEvent(
                Jobs.running(7).runner(17L, "r").queued(3.0).tagsUnknown().build());
        ProjectState evented =
                JobEventApplier.apply(polled, running, T0.plusMillis(10_300)).state();
        ProjectState after = evented.withSuccess(new ProjectSnapshot(
                PROJECT, List.of(job(7, "pending")), T0.plusMillis(10_500), false, 1, T0.plusSeconds(10)));
        assertTrue(after.lastGood().jobs().get(0).isRunning());
    }

    @Test
    void aFailedPollOfAnEventsFedProjectIsFollowedAtThePollInterval() {
        ProjectState failed = fed().withSuccess(poll(T0.plusSeconds(300), job(1, "pending")))
                .withFailure(new PollFailure("server_error", "GitLab answered 502", T0.plusSeconds(600)));
        assertEquals(Duration.ofSeconds(15), CADENCE.interval(failed));
        assertEquals(Duration.ofMinutes(5), CADENCE.expected(failed), "but still judged by the reconcile interval");
    }

    @Test
    void aCappedReadingProvesNothingAboutEvents() {
        ProjectState capped = fed().withSuccess(
                        new ProjectSnapshot(PROJECT, List.of(job(9, "pending")), T0.plusSeconds(300), true, 5));
        assertTrue(capped.events().flowing());
        assertNull(capped.events().suspects());
    }
}
