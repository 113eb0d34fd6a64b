import java.util.List;

/**
 * One row of the table: a way to scale runners, as the ScaledJobs it makes. Each run gets fresh ScaledJobs (a
 * trigger keeps state). A new policy is one small class implementing this, added to {@link CapacityBench#VARIANTS}:
 * {@link DesiredVariant} (its weekly profile a {@link Trigger} that learns from the samples of week 1),
 * {@link SpotVariant} (two ScaledJobs, spot runners some of which never come, and on-demand overflow).
 */
interface Variant {

    /** The row's name. */
    String name();

    /** Its settings, in the adapter's and KEDA's terms, for the notes under the table. */
    String settings();

    List<ScaledJob> scaledJobs();
}
