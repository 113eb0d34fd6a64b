package io.github.gitlabqueueadapter.insight;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One queue's recent samples, oldest first, in memory only. Bounded twice: samples older than the retention are
 * dropped, and at most {@code maxSamples} are kept. To keep the whole retention within that bound, a sample closer
 * than {@code retention / maxSamples} to the previous one replaces it (a burst of job events leaves its last state,
 * not a thousand points): one sample per time bucket of that length. Primitive arrays, 24 bytes a sample, grown
 * on demand from 4.
 */
public final class QueueHistory {

    private final Duration retention;
    private final int maxSamples;
    private final long spacingMillis;
    private long[] at;
    private int[] pending;
    private int[] running;
    private float[] oldest;
    private int[] forecast;
    private int head;
    private int size;

    public QueueHistory(Duration retention, int maxSamples) {
        if (maxSamples < 2 || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive and maxSamples at least 2");
        }
        this.retention = retention;
        this.maxSamples = maxSamples;
        this.spacingMillis = Math.max(1, retention.toMillis() / maxSamples);
        int initial = Math.min(4, maxSamples); // most queues of a large instance stay small
        at = new long[initial];
        pending = new int[initial];
        running = new int[initial];
        oldest = new float[initial];
        forecast = new int[initial];
    }

    /** Adds a sample; one older than the newest kept is ignored (samples arrive from several threads). */
    public synchronized void record(Sample sample) {
        long t = sample.at().toEpochMilli();
        dropOlderThan(t - retention.toMillis());
        if (size > 0) {
            long last = at[index(size - 1)];
            if (t < last) {
                return;
            }
            if (t / spacingMillis == last / spacingMillis) {
                write(index(size - 1), t, sample); // same time bucket: the newer state replaces the older
                return;
            }
        }
        if (size == at.length) {
            if (at.length < maxSamples) {
                grow();
            } else {
                head = (head + 1) % at.length;
                size--;
            }
        }
        write(index(size), t, sample);
        size++;
    }

    /**
     * Adds samples kept elsewhere (by Redis, from before this replica started) to those taken here, in time order; in
     * one time slot the newer sample still wins, and the bounds hold.
     */
    public synchronized void restore(List<Sample> samples) {
        List<Sample> all = new ArrayList<>(samples);
        all.addAll(since(Instant.EPOCH));
        all.sort(java.util.Comparator.comparing(Sample::at));
        head = 0;
        size = 0;
        all.forEach(this::record);
    }

    /** The samples taken at or after {@code from}, oldest first. */
    public synchronized List<Sample> since(Instant from) {
        long f = from.toEpochMilli();
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int k = index(i);
            if (at[k] >= f) {
                out.add(new Sample(Instant.ofEpochMilli(at[k]), pending[k], running[k], oldest[k], forecast[k]));
            }
        }
        return out;
    }

    public synchronized int size() {
        return size;
    }

    private void dropOlderThan(long cutoff) {
        while (size > 0 && at[head] < cutoff) {
            head = (head + 1) % at.length;
            size--;
        }
    }

    private void write(int k, long t, Sample sample) {
        at[k] = t;
        pending[k] = sample.pending();
        running[k] = sample.running();
        oldest[k] = (float) sample.oldestPendingSeconds();
        forecast[k] = sample.forecastPending();
    }

    private int index(int i) {
        return (head + i) % at.length;
    }

    private void grow() {
        int capacity = Math.min(maxSamples, at.length * 2);
        long[] newAt = new long[capacity];
        int[] newPending = new int[capacity];
        int[] newRunning = new int[capacity];
        float[] newOldest = new float[capacity];
        int[] newForecast = new int[capacity];
        for (int i = 0; i < size; i++) {
            int k = index(i);
            newAt[i] = at[k];
            newPending[i] = pending[k];
            newRunning[i] = running[k];
            newOldest[i] = oldest[k];
            newForecast[i] = forecast[k];
        }
        at = newAt;
        pending = newPending;
        running = newRunning;
        oldest = newOldest;
        forecast = newForecast;
        head = 0;
    }
}
