package io.github.gitlabqueueadapter.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A pool's capacity as configured: how many jobs one runner takes at once (its {@code concurrent}), at most how many
 * runners, and its policies. The policies are ordered by name and, as GitLab reads its list, the last in force wins:
 * name them {@code 10-nights}, {@code 20-workday} to order them.
 *
 * @param maxRunners the most runners; null for no cap
 */
public record CapacityPlan(int capacityPerRunner, Integer maxRunners, List<CapacityPolicy> policies) {

    public CapacityPlan {
        if (capacityPerRunner < 1) {
            throw new IllegalArgumentException("capacity-per-runner is at least 1");
        }
        policies = policies.stream()
                .sorted(Comparator.comparing(CapacityPolicy::name))
                .toList();
    }

    /** The runners {@code jobs} take at {@code capacityPerRunner} each, before max-runners. */
    public long runnersFor(long jobs) {
        return (jobs + capacityPerRunner - 1) / capacityPerRunner;
    }

    /** The policy in force at {@code now}: the last, in name order, of those whose periods match; none if none. */
    public Optional<CapacityPolicy> policyAt(Instant now) {
        CapacityPolicy last = null;
        for (CapacityPolicy policy : policies) {
            if (policy.inForce(now)) {
                last = policy;
            }
        }
        return Optional.ofNullable(last);
    }
}
