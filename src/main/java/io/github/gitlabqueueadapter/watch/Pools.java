package io.github.gitlabqueueadapter.watch;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.PoolConfig;
import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.Overflow;
import io.github.gitlabqueueadapter.domain.OverflowChains;
import io.github.gitlabqueueadapter.domain.PoolDefinition;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.QueueFilter;
import io.github.gitlabqueueadapter.domain.RunnerMatcher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The runner pools of {@code adapter.pools}, by name, in name order. An overflow pool counts the pending jobs of the
 * first pool of its chain (its root) once they have waited, and the jobs running on its own runners.
 */
@ApplicationScoped
public class Pools {

    private final Map<String, PoolDefinition> pools = new TreeMap<>();

    public Pools(AdapterConfig config) {
        Map<String, Overflow> overflows = overflows(config.pools());
        config.pools().forEach((name, pool) -> {
            if (!overflows.containsKey(name)) {
                pools.put(name, definition(name, pool));
            }
        });
        overflows.forEach((name, overflow) ->
                pools.put(name, overflowOf(name, config.pools().get(name), overflow)));
    }

    /** The overflow pools' chains, resolved; ConfigCheck has stopped the start on any that does not resolve. */
    private static Map<String, Overflow> overflows(Map<String, PoolConfig> pools) {
        Map<String, OverflowChains.Link> links = new TreeMap<>();
        pools.forEach((name, pool) -> pool.overflowOf()
                .ifPresent(of -> links.put(
                        name,
                        new OverflowChains.Link(of.strip(), pool.overflowAfter().orElse(Overflow.DEFAULT_AFTER)))));
        return OverflowChains.resolve(pools.keySet(), links).overflows();
    }

    static PoolDefinition definition(String name, PoolConfig pool) {
        Set<ProjectRef> projects = new LinkedHashSet<>();
        pool.projects().orElse(List.of()).forEach(raw -> projects.add(ProjectRef.parse(raw.strip())));
        RunnerMatcher matcher = null;
        if (pool.tags().isPresent() || pool.runUntagged().isPresent()) {
            Set<String> tags = new HashSet<>();
            pool.tags().orElse(List.of()).forEach(tag -> tags.addAll(RunnerMatcher.parseTags(tag)));
            matcher = new RunnerMatcher(tags, pool.runUntagged().orElse(true));
        }
        Set<Long> runners = pool.runners().map(Set::copyOf).orElse(null);
        List<GroupRef> groups = pool.groups().orElse(List.of()).stream()
                .map(raw -> GroupRef.parse(raw.strip()))
                .toList();
        return new PoolDefinition(name, new ArrayList<>(projects), groups, new QueueFilter(matcher, runners));
    }

    /** An overflow pool: its root's pending filter, its own runners, its wait; its members are its root's. */
    private PoolDefinition overflowOf(String name, PoolConfig pool, Overflow overflow) {
        QueueFilter filter = pools.get(overflow.root())
                .filter()
                .overflowedBy(Set.copyOf(pool.runners().orElse(List.of())), overflow);
        return new PoolDefinition(name, List.of(), List.of(), filter, overflow);
    }

    public List<PoolDefinition> all() {
        return List.copyOf(pools.values());
    }

    public Optional<PoolDefinition> find(String name) {
        return Optional.ofNullable(pools.get(name));
    }

    /**
     * The pool whose projects, groups and GitLab runners decide what {@code pool} counts as pending: the pool itself,
     * or for an overflow pool the first pool of its chain.
     */
    public PoolDefinition base(PoolDefinition pool) {
        return pool.overflow() == null ? pool : pools.get(pool.overflow().root());
    }
}
