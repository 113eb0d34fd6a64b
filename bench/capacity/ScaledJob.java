import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A KEDA ScaledJob with one metrics-api trigger ({@code targetValue: 1}, {@code activationTargetValue: 0}), no
 * {@code minReplicaCount}, one runner pod per Job. At each poll KEDA reads the trigger and creates new Jobs as
 * kedacore/keda computes them:
 *
 * <ul>
 *   <li>{@code pkg/scaling/scaledjob/metrics.go}: {@code queueLength} is the metric, {@code maxValue = min(metric /
 *       targetValue, maxReplicaCount)}; the trigger is active when the metric is above {@code activationTargetValue};
 *       {@code scaleTo = ceil(queueLength)}, {@code maxScale = ceil(maxValue)};
 *   <li>{@code pkg/scaling/executor/scale_jobs.go}: {@code effectiveMaxScale} from the {@link Strategy}, at least 0;
 *       when active, {@code min(scaleTo, effectiveMaxScale)} new Jobs.
 * </ul>
 */
final class ScaledJob {

    /** KEDA's default {@code pollingInterval}, seconds. */
    static final int POLLING_INTERVAL = 30;

    /** {@code maxReplicaCount} of every ScaledJob here (and the plans' {@code max-runners}). */
    static final int MAX_REPLICA_COUNT = 40;

    final String name;
    final Strategy strategy;
    final RunnerModel runners;
    private final Trigger trigger;
    private final List<Pod> unfinished = new ArrayList<>();
    private Random spot;

    ScaledJob(String name, Strategy strategy, RunnerModel runners, Trigger trigger) {
        this.name = name;
        this.strategy = strategy;
        this.runners = runners;
        this.trigger = trigger;
    }

    void seed(long seed) {
        spot = new Random(seed ^ name.hashCode());
    }

    boolean pollsAt(long second) {
        return second % POLLING_INTERVAL == 0;
    }

    /** The adapter's sample of the queue at {@code second}, for a trigger that learns from it. */
    void sample(Instant now, long second, QueueState queue) {
        trigger.sample(now, second, queue);
    }

    /** What the trigger learned over the run; empty for most. */
    String notes() {
        return trigger.notes();
    }

    /** KEDA's poll at {@code second}: the new runner pods, numbered from {@code nextPodId}. */
    List<Pod> poll(Instant now, long second, QueueState queue, int nextPodId, Checks checks) {
        unfinished.removeIf(Pod::exited);
        double metric = trigger.read(now, second, queue);
        boolean active = metric > 0;
        long scaleTo = (long) Math.ceil(metric);
        long maxScale = (long) Math.ceil(Math.min(metric / 1, MAX_REPLICA_COUNT)); // metric / targetValue
        long running = unfinished.size();
        long pending =
                unfinished.stream().filter(pod -> !pod.podRunning(second)).count();
        long effective = Math.max(0, strategy.effectiveMaxScale(maxScale, running, pending, MAX_REPLICA_COUNT));
        List<Pod> created = new ArrayList<>();
        if (active && effective > 0) {
            for (long i = 0; i < Math.min(scaleTo, effective); i++) {
                boolean never = runners.neverComeShare() > 0 && spot.nextDouble() < runners.neverComeShare();
                created.add(new Pod(nextPodId + created.size(), name, runners, second, never));
            }
        }
        unfinished.addAll(created);
        checks.jobsAlive(this, unfinished.size(), second);
        return created;
    }
}
