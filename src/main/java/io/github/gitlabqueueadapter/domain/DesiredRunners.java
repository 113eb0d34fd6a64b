package io.github.gitlabqueueadapter.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How many runners a pool wants now: enough for its pending and running jobs and the idle capacity of the policy in
 * force, {@code min(max-runners, ceil((pending + running + idle capacity) / capacity-per-runner))}, where idle capacity
 * is {@code max(idle-count, min(ceil(scale-factor × running), scale-factor-limit))} (0 with no policy in force).
 *
 * @param policy the name of the policy in force; null when none matches
 * @param idleCapacity the idle capacity kept, in jobs
 * @param need the runners wanted for this reading alone, raised by the weekly profile when it expects more (see
 *     {@link #warmedUp})
 * @param desired the runners wanted, {@code need} held up for the policy's idle-time (see {@link Linger})
 * @param reason how {@code desired} came to be, in words and numbers
 */
public record DesiredRunners(String policy, int idleCapacity, int need, int desired, String reason) {

    /** The runners a reading needs, before any linger. */
    public static DesiredRunners need(CapacityPlan plan, Instant now, int pending, int running) {
        CapacityPolicy policy = plan.policyAt(now).orElse(null);
        int idle = policy == null ? 0 : policy.idleCapacity(running);
        long jobs = (long) pending + running + idle;
        long runners = plan.runnersFor(jobs);
        StringBuilder reason = new StringBuilder()
                .append(policy == null ? "no policy in force" : "policy " + policy.name())
                .append(": ceil((pending ")
                .append(pending)
                .append(" + running ")
                .append(running)
                .append(" + idle ")
                .append(idle)
                .append(") / ")
                .append(plan.capacityPerRunner())
                .append(") = ")
                .append(runners);
        int need = capped(plan, runners, reason);
        return new DesiredRunners(policy == null ? null : policy.name(), idle, need, need, reason.toString());
    }

    /**
     * This need raised to what the weekly profile expects just ahead, {@code ceil(expected jobs /
     * capacity-per-runner)} within max-runners, when that is more; the reason then says so. Taken before the linger
     * holds the need up.
     */
    public DesiredRunners warmedUp(CapacityPlan plan, WarmUp warmUp) {
        Integer jobs = warmUp.expectedJobs();
        if (jobs == null || plan.runnersFor(jobs) <= need) {
            return this;
        }
        long runners = plan.runnersFor(jobs);
        StringBuilder raised = new StringBuilder(
                reason + "; " + warmUp.says() + ": ceil(" + jobs + " / " + plan.capacityPerRunner() + ") = " + runners);
        int warm = capped(plan, runners, raised);
        return warm <= need ? this : new DesiredRunners(policy, idleCapacity, warm, warm, raised.toString());
    }

    /** {@code runners} within max-runners, the reason saying when they were capped. */
    private static int capped(CapacityPlan plan, long runners, StringBuilder reason) {
        if (plan.maxRunners() != null && runners > plan.maxRunners()) {
            reason.append(", capped by max-runners ").append(plan.maxRunners());
            return plan.maxRunners();
        }
        return (int) Math.min(Integer.MAX_VALUE, runners);
    }

    /** The idle-time capacity lingers for under the policy in force; none without one. */
    public static Duration idleTime(CapacityPlan plan, Instant now) {
        return plan.policyAt(now).map(CapacityPolicy::idleTime).orElse(Duration.ZERO);
    }

    /** This need held up by {@code linger}: the desired count is what it holds, and the reason says why. */
    public DesiredRunners heldBy(Linger linger, Duration idleTime) {
        if (linger.held() <= need) {
            return this;
        }
        return new DesiredRunners(
                policy,
                idleCapacity,
                need,
                linger.held(),
                reason + "; held at " + linger.held() + " until "
                        + linger.releaseAt(idleTime).truncatedTo(ChronoUnit.SECONDS) + " (idle-time "
                        + idleTime.toSeconds() + "s)");
    }
}
