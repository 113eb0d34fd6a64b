package io.github.gitlabqueueadapter.insight;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * How long one queue's jobs waited for a runner: one sample per job seen starting (GitLab's {@code queued_duration},
 * final once a job runs), oldest first, in memory only. Bounded twice: samples older than the retention are dropped,
 * and at most {@code maxWaits} are kept (the oldest go first). Primitive arrays, 16 bytes a sample.
 */
public final class WaitLog {

    static final Duration QUARTER = Duration.ofMinutes(15);

    /** The longest window a percentile is read over, and so how long the adapter keeps a wait. */
    public static final Duration HOUR = Duration.ofHours(1);

    /**
     * The waits of the last 15 minutes and of the last hour, in seconds (tenths); a percentile is absent when no job
     * started in its window.
     *
     * @param jobsSeenOnlyFinished jobs the adapter first saw finished (a job event, its running one lost or never
     *     sent), since the adapter started: their wait is counted when their event carried it
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(
            int jobsLast15m,
            Double p50Last15m,
            Double p95Last15m,
            int jobsLastHour,
            Double p50LastHour,
            Double p95LastHour,
            long jobsSeenOnlyFinished) {

        /** A queue no job of which was seen starting. */
        public static final Summary NONE = new Summary(0, null, null, 0, null, null, 0);
    }

    private final Duration retention;
    private final int maxWaits;
    private long[] at;
    private double[] seconds;
    private int head;
    private int size;
    private long seenOnlyFinished;

    public WaitLog(Duration retention, int maxWaits) {
        this.retention = retention;
        this.maxWaits = Math.max(1, maxWaits);
        this.at = new long[Math.min(4, this.maxWaits)]; // grown on demand: most queues see few waits
        this.seconds = new double[at.length];
    }

    /** One job started at {@code start} after waiting {@code waitSeconds}. */
    public synchronized void record(Instant start, double waitSeconds) {
        long t = start.toEpochMilli();
        dropOlderThan(t - retention.toMillis());
        if (size == at.length) {
            if (at.length < maxWaits) {
                grow();
            } else {
                head = (head + 1) % at.length;
                size--;
            }
        }
        int i = (head + size) % at.length;
        at[i] = t;
        seconds[i] = Math.max(0, waitSeconds);
        size++;
    }

    /**
     * Adds waits kept elsewhere (by Redis, from before this replica started), oldest first: those older than the first
     * one recorded here and than {@code before} (when this replica began to see the queue's jobs itself; null for
     * none). The bounds hold.
     */
    public synchronized void restore(List<Instant> starts, List<Double> waits, Instant before) {
        long first = size == 0 ? Long.MAX_VALUE : at[head];
        if (before != null) {
            first = Math.min(first, before.toEpochMilli());
        }
        long[] keptAt = new long[size];
        double[] keptSeconds = new double[size];
        for (int k = 0; k < size; k++) {
            keptAt[k] = at[(head + k) % at.length];
            keptSeconds[k] = seconds[(head + k) % at.length];
        }
        int kept = size;
        head = 0;
        size = 0;
        for (int i = 0; i < starts.size(); i++) {
            if (starts.get(i).toEpochMilli() < first) {
                record(starts.get(i), waits.get(i));
            }
        }
        for (int k = 0; k < kept; k++) {
            record(Instant.ofEpochMilli(keptAt[k]), keptSeconds[k]);
        }
    }

    /** A job first seen finished. */
    public synchronized void seenOnlyFinished() {
        seenOnlyFinished++;
    }

    public synchronized Summary summary(Instant now) {
        double[] quarter = since(now.minus(QUARTER));
        double[] hour = since(now.minus(HOUR));
        return new Summary(
                quarter.length,
                percentile(quarter, 0.50),
                percentile(quarter, 0.95),
                hour.length,
                percentile(hour, 0.50),
                percentile(hour, 0.95),
                seenOnlyFinished);
    }

    /** The waits recorded at or after {@code from}, in seconds, sorted. */
    private double[] since(Instant from) {
        long cutoff = from.toEpochMilli();
        double[] out = new double[size];
        int n = 0;
        for (int k = 0; k < size; k++) {
            int i = (head + k) % at.length;
            if (at[i] >= cutoff) {
                out[n++] = seconds[i];
            }
        }
        double[] kept = Arrays.copyOf(out, n);
        Arrays.sort(kept);
        return kept;
    }

    /** Nearest rank: the smallest wait that at least {@code p} of the jobs did not exceed; tenths of a second. */
    static Double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return Math.round(sorted[Math.max(0, rank - 1)] * 10) / 10.0;
    }

    private void dropOlderThan(long cutoff) {
        while (size > 0 && at[head] < cutoff) {
            head = (head + 1) % at.length;
            size--;
        }
    }

    private void grow() {
        int length = Math.min(maxWaits, at.length * 2);
        long[] newAt = new long[length];
        double[] newSeconds = new double[length];
        for (int k = 0; k < size; k++) {
            int i = (head + k) % at.length;
            newAt[k] = at[i];
            newSeconds[k] = seconds[i];
        }
        at = newAt;
        seconds = newSeconds;
        head = 0;
    }
}
