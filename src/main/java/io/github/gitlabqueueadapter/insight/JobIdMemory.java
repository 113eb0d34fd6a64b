package io.github.gitlabqueueadapter.insight;

import java.util.Arrays;

/**
 * A bounded set of job ids in the order they were added, the oldest leaving first past the bound: primitive arrays,
 * some 24 bytes an id, where a {@code LinkedHashSet<Long>} takes about 70 and three objects even empty (a large
 * instance keeps three of these per project). Up to {@value #SCAN} ids it is scanned; past that an open-addressing
 * index finds an id at once, so a project of 5,000 jobs costs no more per job than a small one. Not thread-safe: its
 * owner guards it. {@link Long#MIN_VALUE} is not a job id and is never kept.
 */
final class JobIdMemory {

    private static final long EMPTY = Long.MIN_VALUE;
    private static final int SCAN = 16;

    /** The ids in the order they came, from {@link #head}; a removed one leaves {@link #EMPTY} in its slot. */
    private long[] ring = new long[0];

    private int head;
    /** Slots in use from the head, removed ones included. */
    private int slots;

    private int size;
    /** Linear probing over the ids, {@link #EMPTY} where none; null while a scan is cheaper. */
    private long[] index;

    int size() {
        return size;
    }

    boolean contains(long id) {
        if (id == EMPTY || size == 0) {
            return false;
        }
        if (index != null) {
            return index[find(index, id)] == id;
        }
        for (int i = 0; i < slots; i++) {
            if (ring[(head + i) % ring.length] == id) {
                return true;
            }
        }
        return false;
    }

    /** Adds {@code id} as the newest, the oldest leaving while more than {@code bound} are kept; false when kept. */
    boolean add(long id, int bound) {
        if (id == EMPTY || contains(id)) {
            return false;
        }
        if (slots == ring.length) {
            makeRoom();
        }
        ring[(head + slots) % ring.length] = id;
        slots++;
        size++;
        if (index != null) {
            insert(id);
        } else if (size > SCAN) {
            rebuildIndex();
        }
        while (size > bound) {
            removeOldest();
        }
        return true;
    }

    /** Makes {@code id} the newest (added when absent), the oldest leaving while more than {@code bound} are kept. */
    void renew(long id, int bound) {
        remove(id);
        add(id, bound);
    }

    private void remove(long id) {
        if (!contains(id)) {
            return;
        }
        for (int i = 0; i < slots; i++) {
            int k = (head + i) % ring.length;
            if (ring[k] == id) {
                ring[k] = EMPTY;
                size--;
                break;
            }
        }
        unindex(id);
        dropLeadingGaps();
    }

    private void removeOldest() {
        dropLeadingGaps();
        long id = ring[head];
        ring[head] = EMPTY;
        size--;
        unindex(id);
        head = (head + 1) % ring.length;
        slots--;
        dropLeadingGaps();
    }

    private void dropLeadingGaps() {
        while (slots > 0 && ring[head] == EMPTY) {
            head = (head + 1) % ring.length;
            slots--;
        }
        if (slots == 0) {
            head = 0;
        }
    }

    /** A full ring: compacted when removed ids left gaps worth reusing, else doubled. */
    private void makeRoom() {
        int capacity = size < slots / 2 ? Math.max(4, ring.length) : Math.max(4, ring.length * 2);
        long[] next = new long[capacity];
        int n = 0;
        for (int i = 0; i < slots; i++) {
            long id = ring[(head + i) % ring.length];
            if (id != EMPTY) {
                next[n++] = id;
            }
        }
        ring = next;
        head = 0;
        slots = n;
    }

    private void rebuildIndex() {
        int capacity = Integer.highestOneBit(Math.max(SCAN, size) * 4 - 1) << 1;
        index = new long[capacity];
        Arrays.fill(index, EMPTY);
        for (int i = 0; i < slots; i++) {
            long id = ring[(head + i) % ring.length];
            if (id != EMPTY) {
                index[find(index, id)] = id;
            }
        }
    }

    private void insert(long id) {
        if (size * 2 > index.length) {
            rebuildIndex(); // holds the new id already: it is in the ring
        } else {
            index[find(index, id)] = id;
        }
    }

    /** Backward-shift deletion, so that probing needs no tombstones. */
    private void unindex(long id) {
        if (index == null) {
            return;
        }
        int mask = index.length - 1;
        int gap = find(index, id);
        if (index[gap] != id) {
            return;
        }
        index[gap] = EMPTY;
        for (int i = (gap + 1) & mask; index[i] != EMPTY; i = (i + 1) & mask) {
            int home = slot(index[i], mask);
            if (((i - home) & mask) >= ((i - gap) & mask)) { // its probe passed the gap: move it into the gap
                index[gap] = index[i];
                index[i] = EMPTY;
                gap = i;
            }
        }
    }

    /** Where {@code id} is, or the empty slot where it would go. */
    private static int find(long[] table, long id) {
        int mask = table.length - 1;
        int i = slot(id, mask);
        while (table[i] != EMPTY && table[i] != id) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static int slot(long id, int mask) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
