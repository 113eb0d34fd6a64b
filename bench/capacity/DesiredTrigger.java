import io.github.gitlabqueueadapter.domain.CapacityPlan;
import io.github.gitlabqueueadapter.domain.DesiredRunners;
import io.github.gitlabqueueadapter.domain.Linger;
import java.time.Duration;
import java.time.Instant;

/**
 * The adapter's {@code desired} of a pool with a capacity plan, fed to the product's own rule exactly as
 * {@code query/PoolCapacities.withDesired} feeds it at each read: the need of this reading, raised by the pool's
 * weekly profile when it has warm-up, held up by the pool's {@link Linger} for the idle-time of the policy in force.
 */
final class DesiredTrigger implements Trigger {

    private final String pool;
    private final CapacityPlan plan;
    /** Null without warm-up. */
    private final PoolWarmUp warmUp;

    private Linger linger;

    DesiredTrigger(String pool, CapacityPlan plan, PoolWarmUp warmUp) {
        this.pool = pool;
        this.plan = plan;
        this.warmUp = warmUp;
    }

    @Override
    public void sample(Instant now, long second, QueueState queue) {
        if (warmUp != null) {
            warmUp.second(now, second, queue, pool);
        }
    }

    @Override
    public double read(Instant now, long second, QueueState queue) {
        DesiredRunners reading = DesiredRunners.need(plan, now, queue.pending(), queue.runningOn(pool));
        DesiredRunners need = warmUp == null ? reading : warmUp.warmed(plan, reading, now, second);
        Duration idleTime = DesiredRunners.idleTime(plan, now);
        linger = linger == null ? Linger.start(now, need.need()) : linger.next(now, need.need(), idleTime);
        return need.heldBy(linger, idleTime).desired();
    }

    @Override
    public String notes() {
        return warmUp == null ? "" : warmUp.notes();
    }
}
