import java.util.List;

/**
 * One row of the table: a way to scale runners, as the ScaledJobs it makes. Each run gets fresh ScaledJobs (a
 * trigger keeps state). A new policy is one small class implementing this, added to {@link CapacityBench#VARIANTS}:
 * a weekly profile, a {@link Trigger} that learns from what it reads in week 1; spot-with-overflow, two ScaledJobs,
 * one of spot runners ({@link RunnerModel#neverComeShare}) on {@code total}, one on-demand on
 * {@link QueueState#pendingWaitedAtLeast}.
 */
interface Variant {

    /** The row's name. */
    String name();

    /** Its settings, in the adapter's and KEDA's terms, for the notes under the table. */
    String settings();

    List<ScaledJob> scaledJobs();
}
