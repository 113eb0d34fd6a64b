package io.github.gitlabqueueadapter.watch;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.PoolConfig;
import io.github.gitlabqueueadapter.domain.GroupRef;
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

/** The runner pools of {@code adapter.pools}, by name, in name order. */
@ApplicationScoped
public class Pools {

    private final Map<String, PoolDefinition> pools = new TreeMap<>();

    public Pools(AdapterConfig config) {
        config.pools().forEach((name, pool) -> pools.put(name, definition(name, pool)));
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

    public List<PoolDefinition> all() {
        return List.copyOf(pools.values());
    }

    public Optional<PoolDefinition> find(String name) {
        return Optional.ofNullable(pools.get(name));
    }
}
