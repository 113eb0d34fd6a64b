import io.github.gitlabqueueadapter.domain.CapacityPlan;
import io.github.gitlabqueueadapter.domain.DesiredRunners;
import io.github.gitlabqueueadapter.domain.Linger;
import java.time.Duration;
import java.time.Instant;

/**
 * The adapter's {@code desired} of a pool with a capacity plan, fed to the product's own rule exactly as
 * {@code query/PoolCapacities.desired} feeds it at each read: the need of this reading, held up by the pool's
 * {@link Linger} for the idle-time of the policy in force.
 */
final class DesiredTrigger implements Trigger {

    private final String pool;
    private final CapacityPlan plan;
    private Linger linger;

    DesiredTrigger(String pool, CapacityPlan plan) {
        this.pool = pool;
        this.plan = plan;
    }

    @Override
    public double read(Instant now, long second, QueueState queue) {
        DesiredRunners need = DesiredRunners.need(plan, now, queue.pending(), queue.runningOn(pool));
        Duration idleTime = DesiredRunners.idleTime(plan, now);
        linger = linger == null ? Linger.start(now, need.need()) : linger.next(now, need.need(), idleTime);
        return need.heldBy(linger, idleTime).desired();
    }
}
