package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.support.Jobs;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a job may hold, as GitLab bounds it: a job outside is brought inside, never counted wrong. */
class JobLimitsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private static JobState job(List<String> tags, String description, Double queued, Instant created) {
        return Jobs.running(1)
                .tags(tags)
                .runner(7L, description)
                .queued(queued)
                .createdAt(created)
                .build();
    }

    @ParameterizedTest(name = "{0}: plausible {1}")
    @CsvSource({
        "2026-12-07T09:59:00Z, true",
        "2011-10-22T00:00:00Z, true",
        "2026-12-08T09:00:00Z, true", // GitLab's clock a little ahead
        "1999-12-31T23:59:59Z, false",
        "2026-12-09T10:00:00Z, false",
        "-999999999-01-01T00:00:00Z, false",
        "+1000000000-12-31T23:59:59Z, false"
    })
    void creationTimes(String created, boolean plausible) {
        assertEquals(plausible, JobLimits.plausibleCreation(Instant.parse(created), NOW));
    }

    @ParameterizedTest(name = "wait {0}: plausible {1}")
    @CsvSource({"0, true", "30.5, true", "604800, true", "604801, false", "-1, false", "NaN, false", "Infinity, false"})
    void waits(double seconds, boolean plausible) {
        assertEquals(plausible, JobLimits.plausibleWait(seconds));
    }

    @Test
    void aJobInsideTheLimitsIsKeptAsItIs() {
        JobState fine = job(List.of("docker"), "runner-1", 12.0, NOW.minusSeconds(30));
        JobLimits.Clamped clamped = JobLimits.clamp(fine, NOW);
        assertSame(fine, clamped.job());
        assertFalse(clamped.wasChanged());
    }

    @Test
    void aJobOutsideIsBroughtInsideAndSaysWhat() {
        List<String> tags = IntStream.range(0, 80).mapToObj(i -> "t" + i).toList();
        JobState broken = job(
                tags,
                String.join("", Collections.nCopies(5000, "d")),
                Double.NaN,
                Instant.parse("-999999999-01-01T00:00:00Z"));

        JobLimits.Clamped clamped = JobLimits.clamp(broken, NOW);

        assertTrue(clamped.wasChanged());
        assertEquals(JobLimits.MAX_TAGS, clamped.job().tags().size());
        assertEquals(
                JobLimits.MAX_DESCRIPTION_LENGTH,
                clamped.job().runnerDescription().length());
        assertEquals(null, clamped.job().queuedSeconds(), "an impossible wait is unknown, as when GitLab sends none");
        assertEquals(null, clamped.job().createdAt());
        assertEquals(4, clamped.changed().size(), clamped.changed().toString());
        assertEquals(broken.id(), clamped.job().id());
        assertEquals(broken.status(), clamped.job().status());
    }
}
