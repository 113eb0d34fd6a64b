package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Busy runners from the running jobs; provisioned from KEDA's objects, else the pool's desired, else unknown. */
class RunnerUseTest {

    /** {@code keda} lists each object's runners ({@code ?} for one with no number yet); {@code -} is none or null. */
    @ParameterizedTest(name = "running {0} at {1} a runner, KEDA {2}, desired {3}: busy {4}, provisioned {5} ({6})")
    @CsvSource(delimiter = '|', textBlock = """
            4 | 2 | -   | 3 | 2 | 3 | desired
            5 | 2 | -   | - | 3 | - | -
            0 | 1 | -   | 0 | 0 | 0 | desired
            1 | 4 | -   | 1 | 1 | 1 | desired
            3 | 1 | 4 ? | 2 | 3 | 4 | keda
            3 | 1 | ?   | 2 | 3 | 2 | desired
            3 | 1 | ? ? | - | 3 | - | -
            3 | 1 | 2 5 | - | 3 | 7 | keda
            3 | 1 | 0   | 6 | 3 | 0 | keda
            """)
    void busyAndProvisioned(
            int running, int perRunner, String keda, String desired, int busy, String provisioned, String from) {
        List<Integer> objects = keda.equals("-")
                ? List.of()
                : Arrays.stream(keda.split(" "))
                        .map(n -> n.equals("?") ? null : Integer.valueOf(n))
                        .toList();
        RunnerUse use = RunnerUse.of(
                Instant.EPOCH, running, perRunner, objects, desired.equals("-") ? null : Integer.valueOf(desired));
        assertEquals(busy, use.busy());
        assertEquals(
                provisioned, use.provisioned() == null ? "-" : use.provisioned().toString());
        assertEquals(from, use.from() == null ? "-" : use.from().code());
    }
}
