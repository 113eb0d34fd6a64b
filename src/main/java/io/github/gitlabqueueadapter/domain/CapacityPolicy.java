package io.github.gitlabqueueadapter.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * One of a pool's capacity policies, in GitLab's terms ({@code [[runners.autoscaler.policy]]}): while the time matches
 * one of its periods in its zone, it keeps {@code idleCount} jobs of capacity warm, or {@code scaleFactor} times the
 * capacity in use capped by {@code scaleFactorLimit} when that is more, and releases capacity only after
 * {@code idleTime} without need.
 *
 * @param scaleFactorLimit the most capacity scale-factor gives; 0 for no cap
 */
public record CapacityPolicy(
        String name,
        List<CronPeriod> periods,
        ZoneId zone,
        int idleCount,
        Duration idleTime,
        double scaleFactor,
        int scaleFactorLimit) {

    public CapacityPolicy {
        periods = List.copyOf(periods);
    }

    /** Whether the policy is in force at {@code now}: its zone's minute matches one of its periods. */
    public boolean inForce(Instant now) {
        var local = now.atZone(zone);
        return periods.stream().anyMatch(period -> period.matches(local));
    }

    /** The idle capacity, in jobs, kept beside {@code inUse} jobs of capacity in use. */
    public int idleCapacity(int inUse) {
        int scaled = (int) Math.min(Integer.MAX_VALUE, Math.ceil(scaleFactor * inUse));
        if (scaleFactorLimit > 0) {
            scaled = Math.min(scaled, scaleFactorLimit);
        }
        return Math.max(idleCount, scaled);
    }
}
