package io.github.gitlabqueueadapter.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.gitlabqueueadapter.domain.CapacityPlan;
import io.github.gitlabqueueadapter.domain.DesiredRunners;
import io.github.gitlabqueueadapter.domain.WarmUp;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Why a pool's {@code desired} is what it is: the policy in force, the numbers of the formula, and what the weekly
 * profile expects.
 *
 * @param policy the policy in force; absent when none matches (no idle capacity)
 * @param idleCapacity the idle capacity kept, in jobs
 * @param capacityPerRunner the jobs one runner takes at once
 * @param maxRunners the most runners; absent for no cap
 * @param need the runners this reading needs (raised to what the weekly profile expects, with warm-up);
 *     {@code desired} is more while capacity lingers
 * @param reason the formula with its numbers, and what holds {@code desired} up
 * @param warmUp for a pool with warm-up: what its weekly profile expects within the lead; absent otherwise
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CapacityView(
        String policy,
        int idleCapacity,
        int capacityPerRunner,
        Integer maxRunners,
        int need,
        String reason,
        WarmUpView warmUp) {

    /** @param warmUp null for a pool without warm-up */
    static CapacityView of(CapacityPlan plan, DesiredRunners desired, WarmUp warmUp) {
        return new CapacityView(
                desired.policy(),
                desired.idleCapacity(),
                plan.capacityPerRunner(),
                plan.maxRunners(),
                desired.need(),
                desired.reason(),
                warmUp == null ? null : WarmUpView.of(warmUp));
    }
}
