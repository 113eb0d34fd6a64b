package io.github.gitlabqueueadapter.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobIdMemoryTest {

    @Test
    void keepsTheNewestIdsUpToItsBoundAndEachOnce() {
        JobIdMemory ids = new JobIdMemory();
        assertTrue(ids.add(1, 3));
        assertFalse(ids.add(1, 3), "an id is kept once");
        ids.add(2, 3);
        ids.add(3, 3);
        ids.add(4, 3); // past the bound: the oldest, 1, leaves
        assertFalse(ids.contains(1));
        assertTrue(ids.contains(2) && ids.contains(3) && ids.contains(4));
        assertEquals(3, ids.size());
    }

    @Test
    void aRenewedIdLeavesLast() {
        JobIdMemory ids = new JobIdMemory();
        ids.add(1, 3);
        ids.add(2, 3);
        ids.add(3, 3);
        ids.renew(1, 3); // 1 is now the newest
        ids.add(4, 3); // so 2 leaves
        assertTrue(ids.contains(1));
        assertFalse(ids.contains(2));
    }

    @Test
    void longMinValueIsNeverKept() {
        JobIdMemory ids = new JobIdMemory();
        assertFalse(ids.add(Long.MIN_VALUE, 10));
        assertFalse(ids.contains(Long.MIN_VALUE));
        assertEquals(0, ids.size());
    }

    /**
     * Random adds and renewals, small and large (past the scan, where the index and its deletions work), against a
     * LinkedHashSet doing the same: the same ids kept, in the same order of leaving.
     */
    @ParameterizedTest
    @CsvSource({"1, 20, 8", "2, 40, 300", "3, 5000, 6000", "4, 100, 256", "5, 2000, 64"})
    void behavesAsABoundedInsertionOrderedSet(long seed, int idRange, int bound) {
        Random random = new Random(seed);
        JobIdMemory ids = new JobIdMemory();
        LinkedHashSet<Long> model = new LinkedHashSet<>();
        for (int step = 0; step < 30_000; step++) {
            long id = 1 + random.nextInt(idRange);
            if (random.nextInt(4) == 0) {
                ids.renew(id, bound);
                model.remove(id);
                model.add(id);
            } else {
                assertEquals(model.add(id), ids.add(id, bound), "add " + id + " at step " + step);
            }
            while (model.size() > bound) {
                Iterator<Long> oldest = model.iterator();
                oldest.next();
                oldest.remove();
            }
            assertEquals(model.size(), ids.size(), "size at step " + step);
            long probe = 1 + random.nextInt(idRange);
            assertEquals(model.contains(probe), ids.contains(probe), "contains " + probe + " at step " + step);
        }
        for (long id = 1; id <= idRange; id++) {
            assertEquals(model.contains(id), ids.contains(id), "contains " + id + " at the end");
        }
    }
}
