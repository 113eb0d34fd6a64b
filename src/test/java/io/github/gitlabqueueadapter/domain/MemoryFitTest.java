package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether the watched projects fit the heap, and the line that says so, for a few heaps and project counts. */
class MemoryFitTest {

    @ParameterizedTest(name = "{0} projects, {1} whole, heap {2} MB: fits {3}, needs {4} MB, {5} fit")
    @CsvSource(delimiter = '|', textBlock = """
            1     | 200 | 78  | true  | 16  | 8148
            2000  | 200 | 78  | true  | 37  | 8148
            8000  | 200 | 78  | true  | 62  | 8148
            10000 | 200 | 78  | false | 70  | 8148
            12000 | 0   | 78  | false | 66  | 11057
            20000 | 200 | 128 | false | 112 | 17681
            """)
    void saysWhetherTheProjectsFit(
            int projects, int whole, long heapMb, boolean fits, long neededMb, int mostProjects) {
        MemoryFit fit = new MemoryFit(projects, whole, heapMb << 20);
        assertEquals(fits, fit.fits());
        assertEquals(neededMb, Math.round(fit.neededBytes() / 1_048_576.0));
        assertEquals(mostProjects, fit.mostProjects());
    }

    @Test
    void oneLineGivesTheNumbers() {
        assertEquals(
                "12000 watched projects (200 with a whole history) need about 79 MB of heap; the heap holds 78 MB,"
                        + " of which 62 may be live: about 8148 projects fit",
                new MemoryFit(12_000, 200, 78L << 20).describe());
    }
}
