package io.github.gitlabqueueadapter.domain;

import java.time.Duration;
import java.util.Optional;

/**
 * How far ahead a pool's warm-up looks: the lead configured ({@code warm-up.lead}); else the pool's measured time to
 * capacity (the median of its last rises of demand, within {@link #NONE} to {@link #MOST}, in whole seconds); else,
 * before a rise was measured, {@link #UNMEASURED}.
 *
 * @param source why this lead, in words: {@code warm-up.lead}, {@code measured time to capacity} or {@code time to
 *     capacity not measured yet}
 */
public record WarmUpLead(Duration lead, String source) {

    /** The shortest lead: none, only the hour now. */
    public static final Duration NONE = Duration.ZERO;

    /** The longest lead. */
    public static final Duration MOST = Duration.ofHours(1);

    /** The lead before the pool's time to capacity was measured. */
    public static final Duration UNMEASURED = Duration.ofMinutes(2);

    /**
     * @param configured {@code warm-up.lead}, when given (ConfigCheck keeps it within bounds)
     * @param measuredSeconds the median time to capacity of the pool's last rises; null before one was measured
     */
    public static WarmUpLead of(Optional<Duration> configured, Double measuredSeconds) {
        if (configured.isPresent()) {
            return new WarmUpLead(configured.get(), "warm-up.lead");
        }
        if (measuredSeconds == null || measuredSeconds.isNaN()) {
            return new WarmUpLead(UNMEASURED, "time to capacity not measured yet");
        }
        long seconds = (long) Math.ceil(Math.min(MOST.toSeconds(), Math.max(0, measuredSeconds)));
        return new WarmUpLead(Duration.ofSeconds(seconds), "measured time to capacity");
    }
}
