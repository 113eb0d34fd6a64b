import java.time.Instant;

/**
 * The number a ScaledJob's metrics-api trigger reads from the adapter at each KEDA poll (once a poll, as KEDA's
 * {@code getScaledJobMetrics} asks each trigger once). A trigger may keep state between polls, as the adapter does
 * for {@code desired}; a new one is made for every row's run.
 */
interface Trigger {

    double read(Instant now, long second, QueueState queue);
}
