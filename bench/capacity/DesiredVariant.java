import io.github.gitlabqueueadapter.domain.CapacityPlan;
import io.github.gitlabqueueadapter.domain.CapacityPolicy;
import io.github.gitlabqueueadapter.domain.CronPeriod;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * A row that reads the adapter's {@code desired} with KEDA's default strategy and {@code targetValue: 1}: the runners
 * wanted, each one Job, of which KEDA subtracts the Jobs it runs. The pool has at most one policy, in Europe/Berlin,
 * capacity-per-runner 1 and max-runners = maxReplicaCount, and may have warm-up (a weekly profile learnt from week 1
 * on, {@link PoolWarmUp}).
 *
 * @param policy the pool's one policy; null for none (no idle capacity, idle-time 0s)
 * @param policyText the policy's keys, for the notes
 */
record DesiredVariant(String kind, CapacityPolicy policy, String policyText, RunnerModel runners, boolean warmUp)
        implements Variant {

    /** Week 2 starts here (no change of summer time in the fortnight): the warm-up's notes count from it. */
    private static final long WEEK_2 = 7 * 86_400;

    /** (2) A schedule floor: idle-count runners kept warm through the working day, none at night or weekends. */
    static DesiredVariant scheduleFloor(int idleCount, Duration idleTime, RunnerModel runners) {
        return new DesiredVariant(
                "schedule floor, idle-count " + idleCount,
                policy("20-workday", "* 8-18 * * mon-fri", idleCount, idleTime, 0, 0),
                "policies.20-workday.periods=`* 8-18 * * mon-fri`, timezone=Europe/Berlin, idle-count=" + idleCount,
                runners,
                false);
    }

    /** (3) A load-proportional buffer: scale-factor times the jobs running kept idle, capped, at all hours. */
    static DesiredVariant loadBuffer(double scaleFactor, int limit, Duration idleTime) {
        return new DesiredVariant(
                "load buffer, scale-factor " + scaleFactor,
                policy("10-always", "* * * * *", 0, idleTime, scaleFactor, limit),
                "policies.10-always (no periods), idle-count=0, scale-factor=" + scaleFactor + ", scale-factor-limit="
                        + limit,
                RunnerModel.ON_DEMAND,
                false);
    }

    /** (4) The weekly profile alone: no policy, desired raised to what the coming hour usually needs. */
    static DesiredVariant weeklyProfile(RunnerModel runners) {
        return new DesiredVariant("weekly profile (warm-up)", null, "no policies", runners, true);
    }

    /** This row with warm-up too: its policy, and the weekly profile over it. */
    DesiredVariant withWarmUp() {
        return new DesiredVariant(kind + " + weekly profile", policy, policyText, runners, true);
    }

    private static CapacityPolicy policy(
            String name, String period, int idleCount, Duration idleTime, double scaleFactor, int limit) {
        return new CapacityPolicy(
                name,
                List.of(CronPeriod.parse(period)),
                ZoneId.of("Europe/Berlin"),
                idleCount,
                idleTime,
                scaleFactor,
                limit);
    }

    @Override
    public String name() {
        return kind + ", idle-time " + idleTimeText()
                + (ownRunners() ? ", `--wait-timeout " + runners.waitTimeoutSeconds() + "`" : "");
    }

    @Override
    public String settings() {
        return "`desired`: " + policyText + (policy == null ? "" : ", idle-time=" + idleTimeText())
                + (warmUp ? ", warm-up.enabled=true, warm-up.timezone=Europe/Berlin, no warm-up.lead" : "")
                + "; ScaledJob, default strategy, `valueLocation: desired`, `targetValue: 1`"
                + (ownRunners() ? "; runners `run-single --wait-timeout " + runners.waitTimeoutSeconds() + "`" : "");
    }

    @Override
    public List<ScaledJob> scaledJobs() {
        CapacityPlan plan =
                new CapacityPlan(1, ScaledJob.MAX_REPLICA_COUNT, policy == null ? List.of() : List.of(policy));
        PoolWarmUp profile = warmUp ? new PoolWarmUp(WEEK_2) : null;
        return List.of(
                new ScaledJob("runners", Strategy.DEFAULT, runners, new DesiredTrigger("runners", plan, profile)));
    }

    private boolean ownRunners() {
        return !runners.equals(RunnerModel.ON_DEMAND);
    }

    /** The idle-time as configured: {@code 5m}, {@code 0s}; 0s without a policy. */
    private String idleTimeText() {
        long seconds = policy == null ? 0 : policy.idleTime().toSeconds();
        return seconds % 60 == 0 && seconds > 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
