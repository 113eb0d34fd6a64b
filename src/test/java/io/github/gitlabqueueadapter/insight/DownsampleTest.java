package io.github.gitlabqueueadapter.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DownsampleTest {

    @Test
    void keepsAtMostTheGivenPointsAndThePeaks() {
        List<Sample> samples = new ArrayList<>();
        Instant t0 = Instant.parse("2026-11-25T00:00:00Z");
        for (int i = 0; i < 1000; i++) {
            samples.add(new Sample(t0.plusSeconds(i * 10L), i == 517 ? 90 : 3, 0, 0, 3));
        }
        List<Sample> fewer = Downsample.toAtMost(samples, 100);
        assertTrue(fewer.size() <= 100, "size " + fewer.size());
        assertEquals(90, fewer.stream().mapToInt(Sample::pending).max().orElseThrow(), "a one-sample burst survives");
        assertEquals(samples, Downsample.toAtMost(samples, 1000));
    }
}
