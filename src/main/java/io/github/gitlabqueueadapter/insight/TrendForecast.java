package io.github.gitlabqueueadapter.insight;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The pending count expected {@code horizon} from now: a least-squares line through the pending counts of the last
 * {@code window} (every sample, plus the count now), read at now + horizon, rounded, never below zero.
 * <p>
 * Why this method: it needs no tuning beyond the window, it follows a ramp (the line's slope), and it averages out the
 * poll-to-poll noise that makes "the number now" a poor guess of the number in two minutes. What it does not do is
 * see a step coming: right after a sudden burst it answers less than {@code pending} until the window has seen the
 * burst. Scale on {@code max(pending, forecastPending)} (two KEDA triggers) to have both.
 * <p>
 * With too little history (fewer than {@value #MIN_POINTS} points, or spanning less than a quarter of the window) it
 * answers {@code pending} itself, the naive forecast.
 */
public final class TrendForecast {

    public static final int MIN_POINTS = 6;

    private final Duration horizon;
    private final Duration window;
    private final Clock clock;

    public TrendForecast(Duration horizon, Duration window, Clock clock) {
        this.horizon = horizon;
        this.window = window;
        this.clock = clock;
    }

    /** @param history the queue's samples, oldest first (older ones than the window are skipped) */
    public int forecast(List<Sample> history, int pendingNow) {
        Instant now = clock.instant();
        long from = now.minus(window).toEpochMilli();
        long nowMillis = now.toEpochMilli();
        // sums over (x = seconds before now, negative; y = pending), with the point now (0, pendingNow)
        int n = 1;
        double sx = 0;
        double sy = pendingNow;
        double sxx = 0;
        double sxy = 0;
        double earliest = 0;
        for (Sample sample : history) {
            long t = sample.at().toEpochMilli();
            if (t < from || t >= nowMillis) {
                continue;
            }
            double x = (t - nowMillis) / 1000.0;
            n++;
            sx += x;
            sy += sample.pending();
            sxx += x * x;
            sxy += x * sample.pending();
            earliest = Math.min(earliest, x);
        }
        if (n < MIN_POINTS || -earliest < window.toMillis() / 4000.0) {
            return pendingNow;
        }
        double denominator = n * sxx - sx * sx;
        if (denominator <= 0) {
            return pendingNow;
        }
        double slope = (n * sxy - sx * sy) / denominator;
        double intercept = (sy - slope * sx) / n;
        double expected = intercept + slope * horizon.toMillis() / 1000.0;
        if (Double.isNaN(expected) || expected <= 0) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.round(expected));
    }

    public Duration horizon() {
        return horizon;
    }
}
