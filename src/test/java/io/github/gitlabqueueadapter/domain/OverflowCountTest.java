package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.support.Jobs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An overflow pool counts the pending jobs of the pool it overflows that have waited at least overflow-after by now
 * (the wait {@link JobWait} computes), and the jobs running on its own runners: one pending job a row.
 */
class OverflowCountTest {

    private static final Instant OBSERVED = Instant.parse("2026-12-07T10:00:00Z");
    private static final ProjectRef PROJECT = ProjectRef.parse("group/app");
    private static final long SPOT_RUNNER = 17;
    private static final long ON_DEMAND_RUNNER = 42;

    /** The spot pool's filter: docker jobs only, or every job; its running jobs on the spot runner. */
    private static QueueFilter spot(String base) {
        RunnerMatcher matcher = base.equals("docker") ? new RunnerMatcher(Set.of("docker"), false) : null;
        return new QueueFilter(matcher, Set.of(SPOT_RUNNER));
    }

    private static QueueFilter onDemand(String base, Duration after) {
        return spot(base).overflowedBy(Set.of(ON_DEMAND_RUNNER), new Overflow("spot", "spot", after));
    }

    /**
     * @param queued GitLab's queued_duration when observed ({@code -} unknown; below 0 for a job an event added after
     *     the poll)
     * @param created seconds between created_at and the observation ({@code -} unknown)
     * @param age seconds from the observation to now
     * @param tags the job's tags: {@code docker}, {@code none}, or {@code unknown} (added by a tagless job event)
     */
    @ParameterizedTest(name = "overflow-after {0}s, queued {1}, created {2}, +{3}s, tags {4}, base {5}: {6} pending")
    @CsvSource(delimiter = '|', textBlock = """
            90 | 30   | -   | 0   | docker  | docker | 0
            90 | 89.9 | -   | 0   | docker  | docker | 0
            90 | 90   | -   | 0   | docker  | docker | 1
            90 | 100  | -   | 0   | docker  | docker | 1
            90 | 30   | -   | 59  | docker  | docker | 0
            90 | 30   | -   | 60  | docker  | docker | 1
            90 | -    | 120 | 0   | docker  | docker | 1
            90 | -    | 30  | 59  | docker  | docker | 0
            90 | -    | -   | 89  | docker  | docker | 0
            90 | -    | -   | 90  | docker  | docker | 1
            90 | -10  | -   | 99  | docker  | docker | 0
            90 | -10  | -   | 100 | docker  | docker | 1
            90 | 500  | -   | 0   | none    | docker | 0
            90 | -    | -   | 500 | unknown | docker | 0
            90 | -    | -   | 500 | unknown | all    | 1
            90 | -    | -   | 30  | unknown | all    | 0
            0  | 0    | -   | 0   | docker  | docker | 1
            """)
    void pendingOnlyOnceWaitedOverflowAfter(
            long after, String queued, String created, long age, String tags, String base, int pending) {
        Jobs.Builder job = Jobs.pending(1)
                .queued(queued.equals("-") ? null : Double.valueOf(queued))
                .createdAt(created.equals("-") ? null : OBSERVED.minusSeconds(Long.parseLong(created)));
        switch (tags) {
            case "docker" -> job.tags("docker");
            case "unknown" -> job.tagsUnknown();
            default -> job.tags();
        }
        QueueCount count = QueueCount.of(
                new ProjectSnapshot(PROJECT, List.of(job.build()), OBSERVED, false, 1),
                OBSERVED.plusSeconds(age),
                onDemand(base, Duration.ofSeconds(after)));
        assertEquals(pending, count.pending());
        int spotPending = QueueCount.of(
                        new ProjectSnapshot(PROJECT, List.of(job.build()), OBSERVED, false, 1),
                        OBSERVED.plusSeconds(age),
                        spot(base))
                .pending();
        assertTrue(pending <= spotPending, "the overflow never counts a job the spot pool does not count pending");
    }

    @Test
    void runningCountsOnItsOwnRunnersOnlyAndTheOldestWaitIsOfWhatItCounts() {
        ProjectSnapshot snapshot = new ProjectSnapshot(
                PROJECT,
                List.of(
                        Jobs.pending(1).tags("docker").queued(120.0).build(),
                        Jobs.pending(2).tags("docker").queued(10.0).build(),
                        Jobs.running(3)
                                .tags("docker")
                                .runner(SPOT_RUNNER, "spot")
                                .build(),
                        Jobs.running(4)
                                .tags("docker")
                                .runner(ON_DEMAND_RUNNER, "on-demand")
                                .build()),
                OBSERVED,
                false,
                1);
        QueueCount overflow = QueueCount.of(snapshot, OBSERVED, onDemand("docker", Duration.ofSeconds(90)));
        assertEquals(new QueueCount(1, 1, 120), overflow);
        assertEquals(new QueueCount(2, 1, 120), QueueCount.of(snapshot, OBSERVED, spot("docker")));
    }
}
