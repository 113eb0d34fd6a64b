package io.github.gitlabqueueadapter.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.gitlabqueueadapter.domain.JobState;
import io.github.gitlabqueueadapter.support.Jobs;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobMovesTest {

    private static JobState pending(long id) {
        return Jobs.pending(id).tags("docker").queued(1.0).build();
    }

    private static JobState running(long id, double waited) {
        return Jobs.running(id).tags("docker").runner(7L, "r7").queued(waited).build();
    }

    private static JobState canceled(long id) {
        return Jobs.job(id, "canceled").queued(40.0).tagsUnknown().build();
    }

    private static JobState finished(long id) {
        return Jobs.job(id, "success")
                .runner(7L, "r7")
                .queued(12.0)
                .tagsUnknown()
                .build();
    }

    @Test
    void theFirstStateIsTheBaselineNotArrivalsOrStarts() {
        JobMoves moves = new JobMoves();
        assertSame(JobMoves.Moves.NONE, moves.observe(List.of(pending(1), running(2, 30)), null));
    }

    @Test
    void aJobSeenPendingThenRunningStartsOnceWithItsFinalWait() {
        JobMoves moves = new JobMoves();
        moves.observe(List.of(), null);
        assertEquals(List.of(1L), ids(moves.observe(List.of(pending(1)), null).arrived()));
        JobMoves.Moves started = moves.observe(List.of(running(1, 42)), null);
        assertEquals(List.of(), started.arrived());
        assertEquals(42.0, started.started().get(0).queuedSeconds());
        assertSame(JobMoves.Moves.NONE, moves.observe(List.of(running(1, 42)), null), "the same job starts once");
    }

    @Test
    void aJobThatStartedBetweenTwoPollsStillStarts() {
        JobMoves moves = new JobMoves();
        moves.observe(List.of(), null);
        JobMoves.Moves seen = moves.observe(List.of(running(5, 8)), null);
        assertEquals(List.of(5L), ids(seen.started()));
        assertEquals(List.of(), seen.arrived());
    }

    @Test
    void aFinishedEventForAJobNeverSeenIsSeenOnlyFinished() {
        JobMoves moves = new JobMoves();
        moves.observe(List.of(pending(1)), null);
        assertEquals(
                9L,
                moves.observe(List.of(pending(1)), finished(9)).finishedUnseen().id());
    }

    @Test
    void aFinishedEventAfterAPollDroppedTheJobIsNotSeenOnlyFinished() {
        JobMoves moves = new JobMoves();
        moves.observe(List.of(), null);
        moves.observe(List.of(running(3, 5)), null);
        moves.observe(List.of(), null);
        assertSame(JobMoves.Moves.NONE, moves.observe(List.of(), finished(3)));
    }

    @Test
    void aPendingJobCanceledIsNeitherAStartNorSeenOnlyFinished() {
        JobMoves moves = new JobMoves();
        moves.observe(List.of(pending(4)), null);
        JobMoves.Moves seen = moves.observe(List.of(), canceled(4));
        assertNull(seen.finishedUnseen());
        assertEquals(List.of(), seen.started());
    }

    private static List<Long> ids(List<JobState> jobs) {
        return jobs.stream().map(JobState::id).toList();
    }

    @Test
    void aJobSeenPendingAgainAfterItStartedDoesNotStartTwice() {
        JobMoves moves = new JobMoves();
        moves.observe(List.of(), null);
        moves.observe(List.of(pending(6)), null);
        assertEquals(1, moves.observe(List.of(running(6, 9)), null).started().size());
        // an older state observed late (another thread), then the newer one again
        assertSame(JobMoves.Moves.NONE, moves.observe(List.of(pending(6)), null), "not a second arrival");
        assertSame(JobMoves.Moves.NONE, moves.observe(List.of(running(6, 9)), null), "not a second start");
    }

    @Test
    void aJobSeenPendingWhoseFinishNamesItsRunnerStartedWithTheEventsWait() {
        JobMoves moves = new JobMoves();
        moves.observe(List.of(pending(4)), null);
        JobMoves.Moves seen = moves.observe(List.of(), finished(4)); // its running hook was lost
        assertEquals(List.of(4L), ids(seen.started()));
        assertEquals(12.0, seen.started().get(0).queuedSeconds());
        assertNull(seen.finishedUnseen(), "it was seen, waiting");
    }

    @Test
    void aJobRunningAtTheBaselineThatFinishesDidNotStart() {
        JobMoves moves = new JobMoves();
        moves.observe(List.of(running(2, 600)), null);
        moves.observe(List.of(), null); // a poll no longer lists it
        assertSame(JobMoves.Moves.NONE, moves.observe(List.of(), finished(2)));
    }
}
