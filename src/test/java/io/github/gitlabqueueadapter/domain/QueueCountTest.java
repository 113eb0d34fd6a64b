package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gitlabqueueadapter.support.Jobs;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueCountTest {

    private static final Instant OBSERVED = Instant.parse("2026-11-20T10:00:00Z");
    private static final ProjectRef PROJECT = ProjectRef.parse("group/app");

    private static JobState job(String status, Double queued, Instant created) {
        return Jobs.job(1, status).queued(queued).createdAt(created).build();
    }

    private static QueueCount count(Instant now, JobState... jobs) {
        return QueueCount.of(new ProjectSnapshot(PROJECT, List.of(jobs), OBSERVED, false, 1), now);
    }

    @Test
    void onlyPendingWaitsAndOnlyRunningRuns() {
        QueueCount count = count(
                OBSERVED,
                job("pending", 1.0, null),
                job("pending", 2.0, null),
                job("running", 9.0, null),
                job("created", 50.0, null),
                job("manual", 80.0, null),
                job("waiting_for_resource", 70.0, null),
                job("scheduled", 60.0, null),
                job("success", 99.0, null));
        assertEquals(2, count.pending());
        assertEquals(1, count.running());
        assertEquals(3, count.total());
        assertEquals(2.0, count.oldestPendingSeconds(), 1e-9, "jobs that are not pending do not count as waiting");
    }

    @Test
    void waitingTimeGrowsWithTheSnapshotsAge() {
        QueueCount count = count(OBSERVED.plusSeconds(30), job("pending", 42.5, null));
        assertEquals(72.5, count.oldestPendingSeconds(), 1e-9);
    }

    @Test
    void withoutQueuedDurationTheCreationTimeTells() {
        QueueCount count = count(OBSERVED.plusSeconds(5), job("pending", null, OBSERVED.minusSeconds(100)));
        assertEquals(105, count.oldestPendingSeconds(), 1e-9);
    }

    @Test
    void nothingPendingWaitsZero() {
        QueueCount count = count(OBSERVED.plusSeconds(500), job("running", 10.0, null));
        assertEquals(0, count.pending());
        assertEquals(0.0, count.oldestPendingSeconds());
    }

    private static JobState tagged(String status, Long runner, String... tags) {
        return Jobs.job(1, status).tags(tags).runner(runner, null).queued(10.0).build();
    }

    @Test
    void countsOnlyWhatTheRunnersWouldTakeAndRun() {
        ProjectSnapshot snapshot = new ProjectSnapshot(
                PROJECT,
                List.of(
                        tagged("pending", null),
                        tagged("pending", null, "docker"),
                        tagged("pending", null, "docker", "gpu"),
                        tagged("running", 17L, "docker"),
                        tagged("running", 99L, "docker"),
                        tagged("created", null, "docker"),
                        tagged("manual", null, "docker"),
                        tagged("waiting_for_resource", null, "docker")),
                OBSERVED,
                false,
                1);
        QueueFilter dockerRunners =
                new QueueFilter(new RunnerMatcher(java.util.Set.of("docker"), false), java.util.Set.of(17L));

        QueueCount count = QueueCount.of(snapshot, OBSERVED, dockerRunners);
        assertEquals(1, count.pending(), "only the docker job: not the untagged one, not the one needing gpu");
        assertEquals(1, count.running(), "only the job on runner 17");

        QueueCount withUntagged = QueueCount.of(
                snapshot, OBSERVED, new QueueFilter(new RunnerMatcher(java.util.Set.of("docker"), true), null));
        assertEquals(2, withUntagged.pending());
        assertEquals(2, withUntagged.running(), "no runner list: every running job");
    }
}
