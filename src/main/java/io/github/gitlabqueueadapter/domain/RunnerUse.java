package io.github.gitlabqueueadapter.domain;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One reading of a pool's runners at {@code at}: how many were busy and how many were provisioned. Busy runners are
 * {@code ceil(running jobs / capacity-per-runner)}. Provisioned runners are those the KEDA objects reading the pool
 * run (a ScaledObject's current replicas, a ScaledJob's active jobs) when the Kubernetes side sees any with a number;
 * else the pool's last {@code desired}, for a pool with a capacity configuration whose {@code desired} was read; else
 * unknown.
 *
 * @param busy the runners running the pool's jobs
 * @param provisioned the runners there were, busy or idle; null when unknown
 * @param from where {@code provisioned} came from; null when unknown
 */
public record RunnerUse(Instant at, int busy, Integer provisioned, Source from) {

    /** Where a reading's provisioned runners came from. */
    public enum Source {
        /** The KEDA objects reading the pool: ScaledObjects' current replicas and ScaledJobs' active jobs, summed. */
        KEDA,
        /** The pool's last {@code desired}, as its last reader got it. */
        DESIRED;

        /** As the JSON writes it. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The reading of a pool with {@code running} jobs on runners that take {@code capacityPerRunner} each.
     *
     * @param kedaRunners the runners each KEDA object reading the pool runs now; null for an object with no number yet
     * @param desired the pool's last {@code desired}; null when it has none
     */
    public static RunnerUse of(
            Instant at, int running, int capacityPerRunner, List<Integer> kedaRunners, Integer desired) {
        int perRunner = Math.max(1, capacityPerRunner);
        int busy = (int) ((Math.max(0L, running) + perRunner - 1) / perRunner);
        long keda = 0;
        boolean kedaKnown = false;
        for (Integer runners : kedaRunners) {
            if (runners != null) {
                keda += Math.max(0, runners);
                kedaKnown = true;
            }
        }
        if (kedaKnown) {
            return new RunnerUse(at, busy, (int) Math.min(Integer.MAX_VALUE, keda), Source.KEDA);
        }
        if (desired != null) {
            return new RunnerUse(at, busy, Math.max(0, desired), Source.DESIRED);
        }
        return new RunnerUse(at, busy, null, null);
    }
}
