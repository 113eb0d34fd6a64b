package io.github.gitlabqueueadapter.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gitlabqueueadapter.domain.JobState;
import io.github.gitlabqueueadapter.support.Jobs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunnerLogTest {

    private static final Instant T0 = Instant.parse("2026-11-25T03:00:00Z");

    @Test
    void countsJobsPerRunnerAndRemembersRunnersThatWentIdle() {
        RunnerLog log = new RunnerLog(Duration.ofHours(6), 50);
        log.observe(List.of(running(1, 17, "docker-a"), running(2, 17, "docker-a"), running(3, 18, "docker-b")), T0);
        assertEquals(
                List.of(new RunnerLog.Runner(17, "docker-a", 2, T0), new RunnerLog.Runner(18, "docker-b", 1, T0)),
                log.runners());
        assertEquals(2, log.busy());

        log.observe(List.of(running(3, 18, "docker-b")), T0.plusSeconds(60));
        assertEquals(
                List.of(
                        new RunnerLog.Runner(18, "docker-b", 1, T0.plusSeconds(60)),
                        new RunnerLog.Runner(17, "docker-a", 0, T0)),
                log.runners());
        assertEquals(1, log.busy());
    }

    @Test
    void forgetsRunnersUnseenPastTheRetentionAndKeepsAtMostMaxRunners() {
        RunnerLog log = new RunnerLog(Duration.ofMinutes(10), 3);
        for (int r = 1; r <= 5; r++) {
            log.observe(List.of(running(r, r, "r" + r)), T0.plusSeconds(r));
        }
        assertEquals(
                List.of(5L, 4L, 3L),
                log.runners().stream().map(RunnerLog.Runner::id).toList());
        log.observe(List.of(), T0.plusSeconds(11 * 60));
        assertEquals(List.of(), log.runners());
    }

    @Test
    void runnersKeptFromBeforeTheStartJoinAsIdleAndWhatIsSeenHereWins() {
        RunnerLog log = new RunnerLog(Duration.ofMinutes(10), 3);
        log.observe(List.of(running(1, 17, "k8s-17")), T0);

        log.restore(
                List.of(
                        new RunnerLog.Runner(17, "old name", 4, T0.minusSeconds(30)),
                        new RunnerLog.Runner(18, "k8s-18", 2, T0.minusSeconds(60)),
                        new RunnerLog.Runner(19, "k8s-19", 0, T0.minusSeconds(3600))), // past the retention
                T0);

        assertEquals(
                List.of(
                        new RunnerLog.Runner(17, "k8s-17", 1, T0),
                        new RunnerLog.Runner(18, "k8s-18", 0, T0.minusSeconds(60))),
                log.runners());
    }

    private static JobState running(long job, long runner, String description) {
        return Jobs.running(job).runner(runner, description).queued(3.0).build();
    }
}
