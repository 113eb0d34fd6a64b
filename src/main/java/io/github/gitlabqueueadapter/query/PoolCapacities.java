package io.github.gitlabqueueadapter.query;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.PolicyConfig;
import io.github.gitlabqueueadapter.config.PoolConfig;
import io.github.gitlabqueueadapter.domain.CapacityPlan;
import io.github.gitlabqueueadapter.domain.CapacityPolicy;
import io.github.gitlabqueueadapter.domain.CronPeriod;
import io.github.gitlabqueueadapter.domain.DesiredRunners;
import io.github.gitlabqueueadapter.domain.Linger;
import io.github.gitlabqueueadapter.domain.ResetForTests;
import io.github.gitlabqueueadapter.domain.WarmUp;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The desired runners of the pools with a capacity configuration, raised ahead of the usual rush for a pool with
 * warm-up ({@link PoolWarmUps}), and what each holds of its past need: the one
 * writer of the pools' {@link Linger}s, one per such pool. The held count moves as the pool is read (KEDA reads it
 * every polling interval), so that a need seen between two reads is not held.
 */
@ApplicationScoped
public class PoolCapacities implements ResetForTests {

    private static final List<String> ALWAYS = List.of("* * * * *");

    private final Map<String, CapacityPlan> plans = new TreeMap<>();
    private final Map<String, Linger> lingers = new ConcurrentHashMap<>();

    private final PoolWarmUps warmUps;

    PoolCapacities(AdapterConfig config, PoolWarmUps warmUps) {
        this.warmUps = warmUps;
        config.pools().forEach((name, pool) -> plan(pool).ifPresent(plan -> plans.put(name, plan)));
    }

    /**
     * A pool's capacity, when it gives a capacity key or a policy, or enables warm-up (ConfigCheck has checked them).
     */
    public static Optional<CapacityPlan> plan(PoolConfig pool) {
        if (pool.capacityPerRunner().isEmpty()
                && pool.maxRunners().isEmpty()
                && pool.policies().isEmpty()
                && !pool.warmUp().enabled()) {
            return Optional.empty();
        }
        List<CapacityPolicy> policies = pool.policies().entrySet().stream()
                .map(entry -> policy(entry.getKey(), entry.getValue()))
                .toList();
        Integer max = pool.maxRunners().isPresent() ? pool.maxRunners().getAsInt() : null;
        return Optional.of(new CapacityPlan(pool.capacityPerRunner().orElse(1), max, policies));
    }

    private static CapacityPolicy policy(String name, PolicyConfig policy) {
        List<CronPeriod> periods = policy.periods().filter(list -> !list.isEmpty()).orElse(ALWAYS).stream()
                .map(CronPeriod::parse)
                .toList();
        ZoneId zone =
                policy.timezone().map(String::strip).<ZoneId>map(ZoneId::of).orElse(ZoneOffset.UTC);
        return new CapacityPolicy(
                name,
                periods,
                zone,
                policy.idleCount(),
                policy.idleTime(),
                policy.scaleFactor(),
                policy.scaleFactorLimit());
    }

    /**
     * A pool's view with its desired runners at {@code now}, raised by its weekly profile and held up as its last need,
     * and with warm-up its profile; the view itself for a pool without capacity.
     */
    public QueueView withDesired(String pool, QueueView view, Instant now) {
        CapacityPlan plan = plans.get(pool);
        if (plan == null) {
            return view;
        }
        Optional<WarmUp> warmUp = warmUps.at(pool, now);
        DesiredRunners reading = DesiredRunners.need(plan, now, view.pending(), view.running());
        DesiredRunners need =
                warmUp.map(expected -> reading.warmedUp(plan, expected)).orElse(reading);
        Duration idleTime = DesiredRunners.idleTime(plan, now);
        Linger linger = lingers.compute(
                pool,
                (name, last) -> last == null ? Linger.start(now, need.need()) : last.next(now, need.need(), idleTime));
        DesiredRunners desired = need.heldBy(linger, idleTime);
        return view.withDesired(desired.desired(), CapacityView.of(plan, desired, warmUp.orElse(null)))
                .withProfile(warmUps.profile(pool, now).orElse(null));
    }

    /**
     * The runners the pool's last reader was told it desires, without moving what it holds; empty for a pool without
     * capacity, or before its first read.
     */
    public Optional<Integer> lastDesired(String pool) {
        return Optional.ofNullable(lingers.get(pool)).map(Linger::held);
    }

    /** Forgets what every pool held: a test starts afresh. */
    @Override
    public void reset() {
        lingers.clear();
    }
}
