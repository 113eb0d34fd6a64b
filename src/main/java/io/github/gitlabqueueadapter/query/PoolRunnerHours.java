package io.github.gitlabqueueadapter.query;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.ResetForTests;
import io.github.gitlabqueueadapter.domain.RunnerHours;
import io.github.gitlabqueueadapter.domain.RunnerUse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each configured pool's runner-hours by day ({@link RunnerHours}), in memory only, and its price where one is given:
 * what the pool's JSON, metrics and status card say it used and cost. One tally per configured pool; a restart starts
 * them again.
 */
@ApplicationScoped
public class PoolRunnerHours implements ResetForTests {

    private final RunnerHours.Limits limits;
    private final Map<String, Double> prices = new TreeMap<>();
    private final Map<String, RunnerHours> tallies = new ConcurrentHashMap<>();

    PoolRunnerHours(AdapterConfig config) {
        this.limits = new RunnerHours.Limits(
                ZoneId.of(config.cost().timezone().strip()), config.cost().days());
        config.pools().forEach((name, pool) -> pool.costPerRunnerHour().ifPresent(price -> prices.put(name, price)));
    }

    /** A reading of the pool's runners: the last one counts until it. */
    public void record(String pool, RunnerUse reading) {
        tallies.compute(pool, (name, tally) -> (tally == null ? RunnerHours.start(limits) : tally).next(reading));
    }

    /** The pool's tally, before its first reading empty. */
    public Optional<RunnerHours> of(String pool) {
        return Optional.ofNullable(tallies.get(pool));
    }

    /** What one of the pool's runners costs an hour, where {@code cost-per-runner-hour} gives it. */
    public OptionalDouble price(String pool) {
        Double price = prices.get(pool);
        return price == null ? OptionalDouble.empty() : OptionalDouble.of(price);
    }

    /** The pool's cost since the tally began: its provisioned runner-hours at its price; 0 without a tally. */
    public double costSoFar(String pool) {
        double price = price(pool).orElse(0);
        return of(pool).map(tally -> tally.provisionedSeconds() / 3600 * price).orElse(0.0);
    }

    /**
     * The pool's days as its JSON gives them; null for a pool without a price (it answers as it did before prices
     * existed; its runner-hours are still counted in the metrics), and while nothing is tallied.
     */
    public CostView view(String pool) {
        if (price(pool).isEmpty()) {
            return null;
        }
        return of(pool).filter(tally -> !tally.days().isEmpty())
                .map(tally -> CostView.of(tally, price(pool)))
                .orElse(null);
    }

    /** Forgets every tally: a test starts afresh. */
    @Override
    public void reset() {
        tallies.clear();
    }
}
