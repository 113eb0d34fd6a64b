package io.github.gitlabqueueadapter.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** Raising {@code desired} ahead of the pool's usual rush, from a weekly profile of its demand; off by default. */
    WarmUpConfig warmUp();
}
