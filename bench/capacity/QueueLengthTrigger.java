import java.time.Instant;

/** The adapter's {@code total} (pending + running on the pool's runners) or {@code pending} of a pool. */
record QueueLengthTrigger(String pool, boolean withRunning) implements Trigger {

    @Override
    public double read(Instant now, long second, QueueState queue) {
        return queue.pending() + (withRunning ? queue.runningOn(pool) : 0);
    }
}
