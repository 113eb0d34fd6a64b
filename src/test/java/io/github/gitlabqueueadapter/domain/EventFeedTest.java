package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventFeedTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final ProjectRef PROJECT = ProjectRef.parse("team/app");

    private static JobState job(long id, String status, Instant createdAt) {
        return new JobState(id, status, List.of("docker"), null, null, null, createdAt);
    }

    private static ProjectSnapshot before(JobState... jobs) {
        return new ProjectSnapshot(PROJECT, List.of(jobs), T0, false, 1);
    }

    private static final Instant POLL = T0.plusSeconds(300);

    @Test
    void aPollThatListsWhatEventsSaidFindsNothingMissed() {
        ProjectSnapshot known = before(job(1, "pending", T0), job(2, "running", T0));
        List<JobState> listed = List.of(job(1, "pending", T0), job(2, "running", T0));
        assertFalse(EventFeed.missedChange(known, T0.plusSeconds(100), listed, POLL));
    }

    @Test
    void aJobGitLabMadeAWhileAgoThatNoEventAnnouncedIsAMissedChange() {
        assertTrue(EventFeed.missedChange(before(), null, List.of(job(7, "pending", POLL.minusSeconds(60))), POLL));
    }

    @Test
    void aJobMadeJustBeforeThePollMayStillHaveItsEventOnTheWay() {
        assertFalse(EventFeed.missedChange(before(), null, List.of(job(7, "pending", POLL.minusSeconds(3))), POLL));
    }

    @Test
    void jobsThatStartedOrFinishedWithoutAnEventAreMissedChangesOnceEventsWereQuiet() {
        ProjectSnapshot known = before(job(1, "pending", T0), job(2, "running", T0));
        List<JobState> started = List.of(job(1, "running", T0), job(2, "running", T0));
        List<JobState> finished = List.of(job(1, "pending", T0));
        assertTrue(EventFeed.missedChange(known, T0, started, POLL));
        assertTrue(EventFeed.missedChange(known, T0, finished, POLL));
        assertFalse(
                EventFeed.missedChange(known, POLL.minusSeconds(2), finished, POLL),
                "an event a moment ago: this job's may be right behind it");
    }

    @Test
    void eventsArrivingMakeAProjectEventFedAndAPollThatFindsAMissedJobEndsIt() {
        ProjectState polled =
                ProjectState.unpolled(PROJECT).withSuccess(new ProjectSnapshot(PROJECT, List.of(), T0, false, 1));
        assertFalse(polled.events().flowing());
        ProjectState fed = polled.withEventsArriving();
        assertTrue(fed.events().flowing());

        ProjectState reconciled = fed.withSuccess(new ProjectSnapshot(PROJECT, List.of(), POLL, false, 1));
        assertTrue(reconciled.events().flowing(), "nothing changed: still fed by events");

        ProjectState missed = reconciled.withSuccess(new ProjectSnapshot(
                PROJECT, List.of(job(9, "pending", POLL)), POLL.plusSeconds(300), false, 1, POLL.plusSeconds(300)));
        assertFalse(missed.events().flowing(), "a job no event announced: back to polling");
        assertEquals(1, missed.lastGood().jobs().size());
    }

    @Test
    void aCappedReadingProvesNothingAboutEvents() {
        ProjectState fed = ProjectState.unpolled(PROJECT)
                .withSuccess(new ProjectSnapshot(PROJECT, List.of(), T0, false, 1))
                .withEventsArriving();
        ProjectState capped =
                fed.withSuccess(new ProjectSnapshot(PROJECT, List.of(job(9, "pending", T0)), POLL, true, 5));
        assertTrue(capped.events().flowing());
    }
}
