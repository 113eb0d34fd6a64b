package io.github.gitlabqueueadapter.app;

import static io.github.gitlabqueueadapter.app.ConfigCheck.add;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.PoolConfig;
import io.github.gitlabqueueadapter.config.WarmUpConfig;
import io.github.gitlabqueueadapter.domain.CronPeriod;
import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.Overflow;
import io.github.gitlabqueueadapter.domain.OverflowChains;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.WarmUpLead;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/** ConfigCheck's rules of what is watched: at least one project, and each as GitLab names it. */
final class ConfigCheckWatched {

    /** Most runners one pool names: each is read from GitLab every adapter.runner-refresh. */
    static final int MAX_POOL_RUNNERS = 100;

    private static final java.util.regex.Pattern POOL_NAME =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    private ConfigCheckWatched() {}

    /** Projects, groups and pools: at least one project to watch, each written as GitLab names it. */
    static void check(AdapterConfig adapter, Map<String, String> problems) {
        List<String> projects = adapter.projects().orElse(List.of());
        List<String> groups = adapter.groups().orElse(List.of());
        boolean poolMembers = adapter.pools().values().stream()
                .anyMatch(p -> !p.projects().orElse(List.of()).isEmpty()
                        || !p.groups().orElse(List.of()).isEmpty()
                        || runnersOnly(p));
        if (projects.isEmpty() && groups.isEmpty() && !poolMembers) {
            add(
                    problems,
                    "adapter.projects",
                    "no project to watch; give numeric ids or full paths, comma-separated"
                            + " (or adapter.groups, or pools)");
        }
        parseEach("adapter.projects", projects, ProjectRef::parse, problems);
        parseEach("adapter.groups", groups, GroupRef::parse, problems);
        adapter.pools().forEach((name, pool) -> checkPool(name, pool, problems));
        zone("adapter.cost.timezone", adapter.cost().timezone(), problems);
        checkOverflows(adapter.pools(), problems);
    }

    private static void checkPool(String name, PoolConfig pool, Map<String, String> problems) {
        String prefix = "adapter.pools." + name;
        if (!POOL_NAME.matcher(name).matches()) {
            add(
                    problems,
                    prefix,
                    "a pool name is letters, digits, '.', '_' and '-', at most 63, as it appears in"
                            + " /queues/pools/{name}");
            return;
        }
        if (pool.projects().orElse(List.of()).isEmpty()
                && pool.groups().orElse(List.of()).isEmpty()
                && !runnersOnly(pool)
                && pool.overflowOf().isEmpty()) {
            add(
                    problems,
                    prefix + ".projects",
                    "a pool needs at least one project or groups, or runners and no tags (their own projects)");
        }
        parseEach(prefix + ".projects", pool.projects().orElse(List.of()), ProjectRef::parse, problems);
        parseEach(prefix + ".groups", pool.groups().orElse(List.of()), GroupRef::parse, problems);
        List<Long> runners = pool.runners().orElse(List.of());
        if (runners.stream().anyMatch(id -> id == null || id < 1)) {
            add(problems, prefix + ".runners", "runner ids are positive numbers");
        } else if (runners.size() > MAX_POOL_RUNNERS) {
            add(problems, prefix + ".runners", "at most " + MAX_POOL_RUNNERS + " runners a pool");
        }
        checkCapacity(prefix, pool, problems);
        pool.costPerRunnerHour().ifPresent(price -> {
            if (!(price >= 0) || Double.isInfinite(price)) {
                add(problems, prefix + ".cost-per-runner-hour", "is " + price + "; a price of at least 0");
            }
        });
    }

    /** The capacity keys in GitLab's terms: counts in range, periods that are cron, zones that exist. */
    private static void checkCapacity(String prefix, PoolConfig pool, Map<String, String> problems) {
        pool.capacityPerRunner().ifPresent(n -> atLeast(prefix + ".capacity-per-runner", n, 1, problems));
        pool.maxRunners().ifPresent(n -> atLeast(prefix + ".max-runners", n, 1, problems));
        pool.policies().forEach((name, policy) -> {
            String key = prefix + ".policies." + name;
            for (String period : policy.periods().orElse(List.of())) {
                try {
                    CronPeriod.parse(period);
                } catch (IllegalArgumentException e) {
                    add(problems, key + ".periods", "'" + ConfigCheck.printable(period) + "': " + e.getMessage());
                }
            }
            policy.timezone().ifPresent(zone -> zone(key + ".timezone", zone, problems));
            atLeast(key + ".idle-count", policy.idleCount(), 0, problems);
            atLeast(key + ".scale-factor-limit", policy.scaleFactorLimit(), 0, problems);
            if (!(policy.scaleFactor() >= 0) || Double.isInfinite(policy.scaleFactor())) {
                add(problems, key + ".scale-factor", "is " + policy.scaleFactor() + "; at least 0");
            }
            if (policy.idleTime().isNegative()) {
                add(problems, key + ".idle-time", "is " + policy.idleTime() + "; at least 0s");
            }
        });
        checkWarmUp(prefix + ".warm-up", pool.warmUp(), problems);
    }

    /** Warm-up's lead within 0s..1h and its zone as IANA names it, checked whether or not it is enabled. */
    private static void checkWarmUp(String prefix, WarmUpConfig warmUp, Map<String, String> problems) {
        warmUp.lead()
                .filter(lead -> lead.isNegative() || lead.compareTo(WarmUpLead.MOST) > 0)
                .ifPresent(lead -> add(problems, prefix + ".lead", "is " + lead + "; 0s to 1h"));
        warmUp.timezone().ifPresent(zone -> zone(prefix + ".timezone", zone, problems));
    }

    /** A zone as IANA names it ({@code Europe/Berlin}): GitLab's policies, warm-up and the cost tally read them. */
    private static void zone(String key, String zone, Map<String, String> problems) {
        try {
            ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            add(problems, key, "'" + ConfigCheck.printable(zone) + "' is not an IANA zone, as Europe/Berlin");
        }
    }

    /**
     * The overflow keys: an overflow pool names a pool that exists, not itself nor a cycle, its own runners and none of
     * the keys that say what it counts (those of the pool it overflows); overflow-after within its bounds.
     */
    private static void checkOverflows(Map<String, PoolConfig> pools, Map<String, String> problems) {
        Map<String, OverflowChains.Link> links = new TreeMap<>();
        pools.forEach((name, pool) -> {
            String prefix = "adapter.pools." + name;
            Optional<Duration> after = pool.overflowAfter();
            if (pool.overflowOf().isEmpty()) {
                after.ifPresent(given -> add(
                        problems,
                        prefix + ".overflow-after",
                        "is given without " + prefix + ".overflow-of; it says when a job of that pool overflows"));
                return;
            }
            String of = pool.overflowOf().get().strip();
            if (!POOL_NAME.matcher(of).matches()) {
                add(problems, prefix + ".overflow-of", "'" + ConfigCheck.printable(of) + "' is not a pool name");
            }
            Duration wait = after.orElse(Overflow.DEFAULT_AFTER);
            if (wait.isNegative() || wait.compareTo(Overflow.MAX_AFTER) > 0) {
                add(problems, prefix + ".overflow-after", "is " + wait + "; 0s to 1h");
            }
            String own = "; an overflow pool counts those of the pool it overflows (" + of + "): drop this key";
            checkAbsent(prefix + ".projects", pool.projects(), own, problems);
            checkAbsent(prefix + ".groups", pool.groups(), own, problems);
            checkAbsent(prefix + ".tags", pool.tags(), own, problems);
            checkAbsent(prefix + ".run-untagged", pool.runUntagged(), own, problems);
            if (pool.runners().orElse(List.of()).isEmpty()) {
                add(
                        problems,
                        prefix + ".runners",
                        "an overflow pool names its own runners' ids (every pod registered with one authentication"
                                + " token is one runner id): only the jobs running on them are its running jobs,"
                                + " not those of the pool it overflows");
            }
            links.put(name, new OverflowChains.Link(of, wait));
        });
        OverflowChains.resolve(pools.keySet(), links)
                .problems()
                .forEach((name, reason) -> add(problems, "adapter.pools." + name + ".overflow-of", reason));
    }

    private static void checkAbsent(String key, Optional<?> value, String why, Map<String, String> problems) {
        value.ifPresent(given -> add(problems, key, "is given" + why));
    }

    private static void atLeast(String key, int value, int min, Map<String, String> problems) {
        if (value < min) {
            add(problems, key, "is " + value + "; at least " + min);
        }
    }

    /** A pool that names runners and no tags: GitLab's runners, whose own projects it may watch. */
    private static boolean runnersOnly(PoolConfig pool) {
        return !pool.runners().orElse(List.of()).isEmpty()
                && pool.tags().isEmpty()
                && pool.runUntagged().isEmpty();
    }

    private static void parseEach(
            String key, List<String> values, Consumer<String> parse, Map<String, String> problems) {
        for (String value : values) {
            try {
                parse.accept(value.strip());
            } catch (IllegalArgumentException e) {
                add(problems, key, "'" + ConfigCheck.printable(value) + "': " + e.getMessage());
            }
        }
    }
}
