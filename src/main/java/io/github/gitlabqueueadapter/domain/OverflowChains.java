package io.github.gitlabqueueadapter.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Resolves the pools' {@code overflow-of} links into {@link Overflow}s: each overflow pool takes the members and filter
 * of the first pool of its chain and the largest {@code overflow-after} along it. A link to a pool that does not exist,
 * to itself, or that closes a cycle resolves to nothing and is a problem of the pool that gives it.
 */
public final class OverflowChains {

    /** One pool's {@code overflow-of} and {@code overflow-after}. */
    public record Link(String of, Duration after) {}

    /**
     * The chains resolved, and the problems by pool name, both in name order: a pool whose chain breaks further on has
     * no problem of its own (the pool that breaks it has one) and no overflow either.
     */
    public record Resolution(Map<String, Overflow> overflows, Map<String, String> problems) {

        public Resolution {
            overflows = Collections.unmodifiableSortedMap(new TreeMap<>(overflows));
            problems = Collections.unmodifiableSortedMap(new TreeMap<>(problems));
        }
    }

    private OverflowChains() {}

    /** Resolves {@code links} (by pool name) among the configured {@code pools}. */
    public static Resolution resolve(Set<String> pools, Map<String, Link> links) {
        Map<String, Overflow> overflows = new TreeMap<>();
        Map<String, String> problems = new TreeMap<>();
        links.forEach((pool, link) -> {
            List<String> path = new ArrayList<>(List.of(pool));
            String next = link.of();
            Duration after = link.after();
            while (true) {
                if (next.equals(pool)) {
                    problems.put(
                            pool,
                            path.size() == 1
                                    ? "a pool cannot be its own overflow"
                                    : "the overflow-of links make a cycle: " + String.join(" -> ", path) + " -> "
                                            + pool);
                    return;
                }
                if (!pools.contains(next)) {
                    if (path.size() == 1) {
                        problems.put(pool, "no pool named '" + next + "' is configured");
                    }
                    return;
                }
                if (path.contains(next)) {
                    return; // a cycle further on: its own pools say so
                }
                Link further = links.get(next);
                if (further == null) {
                    overflows.put(pool, new Overflow(link.of(), next, after));
                    return;
                }
                path.add(next);
                after = after.compareTo(further.after()) >= 0 ? after : further.after();
                next = further.of();
            }
        });
        return new Resolution(overflows, problems);
    }
}
