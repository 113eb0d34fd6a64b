package io.github.gitlabqueueadapter.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.gitlabqueueadapter.domain.CapacityPlan;
import io.github.gitlabqueueadapter.domain.DesiredRunners;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Why a pool's {@code desired} is what it is: the policy in force and the numbers of the formula.
 *
 * @param policy the policy in force; absent when none matches (no idle capacity)
 * @param idleCapacity the idle capacity kept, in jobs
 * @param capacityPerRunner the jobs one runner takes at once
 * @param maxRunners the most runners; absent for no cap
 * @param need the runners this reading alone needs; {@code desired} is more while capacity lingers
 * @param reason the formula with its numbers, and what holds {@code desired} up
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CapacityView(
        String policy, int idleCapacity, int capacityPerRunner, Integer maxRunners, int need, String reason) {

    static CapacityView of(CapacityPlan plan, DesiredRunners desired) {
        return new CapacityView(
                desired.policy(),
                desired.idleCapacity(),
                plan.capacityPerRunner(),
                plan.maxRunners(),
                desired.need(),
                desired.reason());
    }
}
