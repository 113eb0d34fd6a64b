import java.time.Instant;

/**
 * The number a ScaledJob's metrics-api trigger reads from the adapter at each KEDA poll (once a poll, as KEDA's
 * {@code getScaledJobMetrics} asks each trigger once). A trigger may keep state between polls, as the adapter does
 * for {@code desired}; a new one is made for every row's run.
 */
interface Trigger {

    double read(Instant now, long second, QueueState queue);

    /**
     * A second of the queue, whether KEDA reads or not: a trigger that learns from the adapter's samples (with job
     * events, one at each change: InsightRecorder) takes them here.
     */
    default void sample(Instant now, long second, QueueState queue) {}

    /** What the trigger learned and did over the run, for the notes under the table; empty for most. */
    default String notes() {
        return "";
    }
}
