package io.github.gitlabqueueadapter.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.hibernate.validator.constraints.Range;

/**
 * {@code adapter.scaling.*}: what counts as a scaling event, and bounds of what is kept per queue (for as long as
 * {@code adapter.history.retention}).
 */
public interface ScalingConfig {

    /** A runner not seen running any of a queue's jobs for this long has left it ("runner left"). */
    @WithDefault("10m")
    @DurationRange(min = "1m", max = "1d", groups = AtStart.class)
    Duration runnerGone();

    /** A reader (User-Agent) silent this long has stopped; its next read is "first read after a pause". */
    @WithDefault("2m")
    @DurationRange(min = "10s", max = "1d", groups = AtStart.class)
    Duration readerPause();

    /** This many jobs joining a queue within one minute are a burst. */
    @WithDefault("10")
    @Range(min = 2, max = 100_000, groups = AtStart.class)
    int burstJobs();

    /**
     * Time to capacity: a rise of demand ends when the queue is empty, or when the oldest waiting job has waited
     * less than this and less than the rise has lasted (every job waiting at the rise has a runner).
     */
    @WithDefault("60s")
    @DurationRange(min = "1s", max = "1d", groups = AtStart.class)
    Duration waitThreshold();

    /** Most timeline events kept per queue (about 120 bytes each); the oldest go first. */
    @WithDefault("1000")
    @Range(min = 10, max = 100_000, groups = AtStart.class)
    int maxEvents();

    /**
     * Most wait-time samples kept per queue, for the p50/p95 of the last hour (kept an hour: 16 bytes each in the
     * heap, about 25 in Redis); past it, the oldest of the hour go first.
     */
    @WithDefault("10000")
    @Range(min = 10, max = 1_000_000, groups = AtStart.class)
    int maxWaits();
}
