package io.github.gitlabqueueadapter.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gitlabqueueadapter.support.TestConfigs;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A whole memory keeps the retention's samples and every wait up to its bound; a light one the forecast window's
 * samples and 200 waits: six hours of a sample every 10 s and 500 jobs in the last hour, kept by each.
 */
class MemorySizesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @ParameterizedTest(name = "{0}: {1} samples of 6 h, {2} waits of 500")
    @CsvSource(delimiter = '|', textBlock = """
            whole | 2160 | 500
            light | 60   | 200
            """)
    void keepsWhatItsSizeAllows(String size, int samples, int waits) {
        MemorySizes sizes = new MemorySizes(TestConfigs.adapter());
        QueueMemories.QueueMemory memory = size.equals("whole") ? sizes.whole() : sizes.light();
        for (int s = 6 * 360 - 1; s >= 0; s--) {
            memory.history().record(new Sample(NOW.minusSeconds(10L * s), 1, 0, 0, 1));
        }
        for (int j = 500; j > 0; j--) {
            memory.waits().record(NOW.minusSeconds(7L * j), 30);
        }
        assertEquals(samples, memory.history().since(Instant.EPOCH).size());
        assertEquals(waits, memory.waits().summary(NOW).jobsLastHour());
    }
}
