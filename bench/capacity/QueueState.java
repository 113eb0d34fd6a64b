/**
 * The queue as GitLab holds it at one second, read by a trigger (the adapter's number) at each KEDA poll. The adapter
 * is taken to know it exactly (events first: a job event is counted within a second); polling alone would add up to
 * its interval to every change.
 */
interface QueueState {

    /** Jobs waiting for a runner. */
    int pending();

    /** Jobs running on the runners of one ScaledJob (a pool's {@code running}). */
    int runningOn(String scaledJob);

    /** Jobs running on any runner. */
    int running();

    /** Pending jobs that have waited at least {@code seconds} at second {@code now} (spot-with-overflow reads it). */
    int pendingWaitedAtLeast(long now, long seconds);

    /** How many times the queue changed so far (a job became pending, was taken, finished): a job event each. */
    long changes();

    /** How long the oldest pending job has waited at second {@code now}; 0 when none waits. */
    double oldestPendingSeconds(long now);
}
