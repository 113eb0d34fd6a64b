import io.github.gitlabqueueadapter.domain.Overflow;
import java.time.Instant;

/**
 * The adapter's {@code total} of an overflow pool ({@code overflow-of}): the pending jobs of the pool it overflows that
 * have waited at least {@code overflow-after} ({@link Overflow#overflows}), plus the jobs running on its own runners,
 * as {@code domain/QueueCount} counts them.
 */
record OverflowTrigger(String pool, Overflow overflow) implements Trigger {

    @Override
    public double read(Instant now, long second, QueueState queue) {
        long after = (long) Math.ceil(overflow.afterSeconds()); // waits are whole seconds here
        return queue.pendingWaitedAtLeast(second, after) + queue.runningOn(pool);
    }
}
