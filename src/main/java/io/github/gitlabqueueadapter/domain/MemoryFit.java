package io.github.gitlabqueueadapter.domain;

/**
 * Whether the watched projects fit the heap, by the figures {@code bench/memory.sh} measured (the chart's README,
 * "memory per 1,000 projects"): the adapter's own base, each project's state, guard, schedule and light memory, and
 * for the first {@code adapter.history.whole-projects} the rest of a whole memory. An estimate of the heap after hours
 * of load, so that an adapter told to watch more than its heap holds says so at start instead of being killed later.
 * It counts the heap only: the JVM's own memory beside it (metaspace, code, threads) is the chart's to allow for.
 *
 * @param projects the watched projects
 * @param wholeProjects how many of them may keep a whole memory
 * @param maxHeapBytes the heap's bound ({@code Runtime.maxMemory()})
 */
public record MemoryFit(int projects, int wholeProjects, long maxHeapBytes) {

    /** The live heap besides the projects: Quarkus, Vert.x, caches (14 MB measured, 2,000 and 10,000 projects). */
    public static final long BASE_BYTES = 16L << 20;

    /**
     * Each watched project: its state with a few jobs, breaker, schedule, job moves and light memory (4.4 KB measured
     * after a full GC and an hour of load, 10,000 projects of 3 to 4 jobs each, JDK 25 with compact object headers as
     * the JVM image runs them; 3.2 KB after 5 minutes, the light memories still filling toward their bounds).
     */
    public static final long PROJECT_BYTES = 4_400;

    /** What a whole memory adds to a light one, at worst after six hours: 2,160 samples (52 KB), waits and events. */
    public static final long WHOLE_EXTRA_BYTES = 64_000;

    /** Share of the heap the estimate may fill: the collector needs room beside what is live. */
    static final double HEADROOM = 0.8;

    /** The heap the projects are estimated to need at worst. */
    public long neededBytes() {
        return BASE_BYTES + projects * PROJECT_BYTES + Math.min(projects, wholeProjects) * WHOLE_EXTRA_BYTES;
    }

    public boolean fits() {
        return neededBytes() <= (long) (maxHeapBytes * HEADROOM);
    }

    /** The most projects this heap holds, with the same number of whole memories at most. */
    public int mostProjects() {
        long room = (long) (maxHeapBytes * HEADROOM) - BASE_BYTES;
        long whole = Math.min(wholeProjects, Math.max(0, room / (PROJECT_BYTES + WHOLE_EXTRA_BYTES)));
        long rest = room - whole * (PROJECT_BYTES + WHOLE_EXTRA_BYTES);
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, whole + Math.max(0, rest / PROJECT_BYTES)));
    }

    /** One line with the numbers, for the log and {@code /q/health/well}. */
    public String describe() {
        return projects + " watched projects (" + Math.min(projects, wholeProjects) + " with a whole history) need"
                + " about " + mb(neededBytes()) + " MB of heap; the heap holds " + mb(maxHeapBytes) + " MB, of which "
                + mb((long) (maxHeapBytes * HEADROOM)) + " may be live: about " + mostProjects() + " projects fit";
    }

    private static long mb(long bytes) {
        return Math.round(bytes / 1_048_576.0);
    }
}
