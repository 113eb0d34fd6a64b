package io.github.gitlabqueueadapter.insight;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.HistoryConfig;
import io.github.gitlabqueueadapter.config.ScalingConfig;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.ResetForTests;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the adapter remembers of each watched queue: its history, its runners, its readers, how long its jobs waited
 * and its scaling timeline. In memory only, one entry per watched queue (entries of queues no longer watched are
 * swept), so its size follows the configuration.
 */
@ApplicationScoped
public class QueueMemories implements ResetForTests {

    /** One queue's memory. */
    public record QueueMemory(
            QueueHistory history, RunnerLog runners, ReaderLog readers, WaitLog waits, ScalingTimeline timeline) {}

    private final ConcurrentHashMap<QueueKey, QueueMemory> queues = new ConcurrentHashMap<>();
    private final HistoryConfig limits;
    private final ScalingConfig scaling;
    private final ScalingTimeline.Limits timelineLimits;
    private final Duration window;
    private final TrendForecast forecast;
    private final Clock clock;

    public QueueMemories(AdapterConfig config, Clock clock) {
        this.limits = config.history();
        this.scaling = config.scaling();
        this.timelineLimits = new ScalingTimeline.Limits(
                limits.retention(),
                scaling.maxEvents(),
                scaling.burstJobs(),
                scaling.runnerGone(),
                scaling.readerPause(),
                scaling.waitThreshold(),
                limits.maxRunners(),
                limits.maxReaders());
        this.window = config.forecast().window();
        this.forecast = new TrendForecast(config.forecast().horizon(), window, clock);
        this.clock = clock;
    }

    /** The queue's memory, made on first use. Only call it for a queue that is watched. */
    public QueueMemory of(QueueKey key) {
        return queues.computeIfAbsent(
                key,
                k -> new QueueMemory(
                        new QueueHistory(limits.retention(), limits.maxSamples()),
                        new RunnerLog(limits.retention(), limits.maxRunners()),
                        new ReaderLog(limits.maxReaders()),
                        new WaitLog(WaitLog.HOUR, scaling.maxWaits()),
                        new ScalingTimeline(timelineLimits)));
    }

    public Optional<QueueMemory> find(QueueKey key) {
        return Optional.ofNullable(queues.get(key));
    }

    /** Forgets every queue not in {@code watched}: a project that left its group takes its history along. */
    public void retain(Set<QueueKey> watched) {
        queues.keySet().retainAll(watched);
    }

    /** Forgets every queue's memory, as at start. */
    @Override
    public void reset() {
        queues.clear();
    }

    /** Forgets one queue's memory. */
    public void forget(QueueKey key) {
        queues.remove(key);
    }

    /** {@code forecastPending} for the queue now, given its pending count now. */
    public int forecast(QueueKey key, int pendingNow) {
        return find(key)
                .map(q -> forecast.forecast(q.history().since(clock.instant().minus(window)), pendingNow))
                .orElse(pendingNow);
    }

    public Duration horizon() {
        return forecast.horizon();
    }

    public Duration retention() {
        return limits.retention();
    }

    /** Records a read of the queue's endpoint, in its readers and its timeline. */
    public void read(QueueKey key, String userAgent) {
        Instant now = clock.instant();
        QueueMemory memory = of(key);
        memory.readers().read(userAgent, now);
        memory.timeline().read(now, ReaderLog.clean(userAgent));
    }

    /** How long the queue's jobs waited, over the last 15 minutes and the last hour. */
    public WaitLog.Summary waits(QueueKey key) {
        Instant now = clock.instant();
        return find(key).map(q -> q.waits().summary(now)).orElse(WaitLog.Summary.NONE);
    }

    public ReaderLog.Summary reads(QueueKey key) {
        Instant now = clock.instant();
        return find(key).map(q -> q.readers().summary(now)).orElse(new ReaderLog.Summary(null, 0, 0));
    }
}
