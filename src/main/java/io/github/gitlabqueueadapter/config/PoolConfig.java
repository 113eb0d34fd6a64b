package io.github.gitlabqueueadapter.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** One runner pool, {@code adapter.pools.<name>.*}. */
public interface PoolConfig {

    /** The pool's projects: numeric ids or full paths. They are polled like {@code adapter.projects}. */
    Optional<List<String>> projects();

    /** Groups whose projects (subgroups included) belong to the pool. */
    Optional<List<String>> groups();

    /**
     * Tags of the pool's runners: pending jobs count only when these runners may take them. With neither this nor
     * {@code run-untagged}, every pending job of the pool's projects counts.
     */
    Optional<List<String>> tags();

    /** Whether the pool's runners take untagged jobs (GitLab's run_untagged); true when not given. */
    Optional<Boolean> runUntagged();

    /**
     * Runner ids whose running jobs count; without it, every running job of the pool's projects counts. Without
     * {@code tags} and {@code run-untagged}, also the runners GitLab is asked about: pending jobs count when one
     * of them would be handed the job.
     */
    Optional<List<Long>> runners();

    /**
     * How many jobs one of the pool's runners takes at once (its {@code concurrent}); 1 when not given. With this,
     * {@code max-runners} or a policy, the pool answers {@code desired}.
     */
    OptionalInt capacityPerRunner();

    /** The most runners {@code desired} asks for; no cap when not given. */
    OptionalInt maxRunners();

    /** Capacity policies by name, in GitLab's terms; in name order, the last in force wins. */
    Map<String, PolicyConfig> policies();

    /**
     * What one of the pool's runners costs for an hour, in the user's currency (at least 0): the pool's JSON, metrics
     * and status card then give each day's cost, its provisioned runner-hours at this price. Without it, only
     * runner-hours.
     */
    OptionalDouble costPerRunnerHour();

    /**
     * The pool this one is the overflow of (spot first, on-demand overflow): it then counts that pool's projects,
     * groups and pending jobs (it gives none of projects, groups, tags or run-untagged itself), but only the pending
     * jobs that have waited at least {@code overflow-after}, and as running the jobs on its own {@code runners}, which
     * it must name.
     */
    Optional<String> overflowOf();

    /**
     * With {@code overflow-of}: how long a pending job waits for the other pool's runners before it counts here;
     * 90s when not given, 0s to 1h. Along a chain of overflows, the largest one counts.
     */
    Optional<Duration> overflowAfter();

    /** Raising {@code desired} ahead of the pool's usual rush, from a weekly profile of its demand; off by default. */
    WarmUpConfig warmUp();
}
