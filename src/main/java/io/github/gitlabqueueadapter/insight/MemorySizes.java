package io.github.gitlabqueueadapter.insight;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.HistoryConfig;
import io.github.gitlabqueueadapter.config.ScalingConfig;
import java.time.Duration;

/**
 * Makes a queue's memory whole (every bound of {@code adapter.history.*} and {@code adapter.scaling.*}) or light (what
 * a project's answer needs: the forecast window's samples, and a few waits, events, runners and readers), so that the
 * memory of thousands of projects stays small.
 */
final class MemorySizes {

    /** Most waits, timeline events, runners and readers a light memory keeps. */
    static final int LIGHT_WAITS = 200;

    static final int LIGHT_EVENTS = 50;
    static final int LIGHT_RUNNERS = 10;
    static final int LIGHT_READERS = 2;

    private final HistoryConfig limits;
    private final ScalingConfig scaling;
    private final Duration window;
    private final ScalingTimeline.Limits whole;
    private final ScalingTimeline.Limits light;

    MemorySizes(AdapterConfig config) {
        this.limits = config.history();
        this.scaling = config.scaling();
        this.window = config.forecast().window();
        this.whole = timeline(scaling.maxEvents(), limits.maxRunners(), limits.maxReaders());
        this.light = timeline(
                Math.min(LIGHT_EVENTS, scaling.maxEvents()),
                Math.min(LIGHT_RUNNERS, limits.maxRunners()),
                Math.min(LIGHT_READERS, limits.maxReaders()));
    }

    QueueMemories.QueueMemory whole() {
        return new QueueMemories.QueueMemory(
                new QueueHistory(limits.retention(), limits.maxSamples()),
                new RunnerLog(limits.retention(), limits.maxRunners()),
                new ReaderLog(limits.maxReaders()),
                new WaitLog(WaitLog.HOUR, scaling.maxWaits()),
                new ScalingTimeline(whole));
    }

    /** The forecast window's samples at the whole memory's spacing (at least 10). */
    QueueMemories.QueueMemory light() {
        long samples = Math.max(
                10, limits.maxSamples() * window.toMillis() / limits.retention().toMillis());
        return new QueueMemories.QueueMemory(
                new QueueHistory(window, (int) Math.min(samples, limits.maxSamples())),
                new RunnerLog(limits.retention(), light.maxRunners()),
                new ReaderLog(light.maxReaders()),
                new WaitLog(WaitLog.HOUR, Math.min(LIGHT_WAITS, scaling.maxWaits())),
                new ScalingTimeline(light));
    }

    private ScalingTimeline.Limits timeline(int maxEvents, int maxRunners, int maxReaders) {
        return new ScalingTimeline.Limits(
                limits.retention(),
                maxEvents,
                scaling.burstJobs(),
                scaling.runnerGone(),
                scaling.readerPause(),
                scaling.waitThreshold(),
                maxRunners,
                maxReaders);
    }
}
