package io.github.gitlabqueueadapter.insight;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.HistoryConfig;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.QueueKind;
import io.github.gitlabqueueadapter.domain.ResetForTests;
import io.github.gitlabqueueadapter.watch.QueueCatalog;
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
 * swept), so its size follows the configuration; past {@code adapter.history.whole-projects}, and for group members, a
 * project's entry is light ({@link MemorySizes}).
 */
@ApplicationScoped
public class QueueMemories implements ResetForTests {

    /** One queue's memory. */
    public record QueueMemory(
            QueueHistory history, RunnerLog runners, ReaderLog readers, WaitLog waits, ScalingTimeline timeline) {}

    private final ConcurrentHashMap<QueueKey, QueueMemory> queues = new ConcurrentHashMap<>();
    private final Set<QueueKey> wholeProjects = ConcurrentHashMap.newKeySet();
    private final HistoryConfig limits;
    private final MemorySizes sizes;
    private final QueueCatalog catalog;
    private final Duration window;
    private final TrendForecast forecast;
    private final Clock clock;

    public QueueMemories(AdapterConfig config, QueueCatalog catalog, Clock clock) {
        this.limits = config.history();
        this.sizes = new MemorySizes(config);
        this.catalog = catalog;
        this.window = config.forecast().window();
        this.forecast = new TrendForecast(config.forecast().horizon(), window, clock);
        this.clock = clock;
    }

    /**
     * The queue's memory, made on first use: whole for a pool, a group and the first {@code
     * adapter.history.whole-projects} projects that are not group members; light for the others. Only call it for a
     * queue that is watched.
     */
    public QueueMemory of(QueueKey key) {
        QueueMemory memory = queues.get(key);
        return memory != null ? memory : queues.computeIfAbsent(key, k -> whole(k) ? sizes.whole() : sizes.light());
    }

    private boolean whole(QueueKey key) {
        if (key.kind() != QueueKind.PROJECT) {
            return true;
        }
        synchronized (wholeProjects) {
            if (catalog.isGroupMember(key) || wholeProjects.size() >= limits.wholeProjects()) {
                return false;
            }
            return wholeProjects.add(key);
        }
    }

    /** How many projects' memories are whole now (at most {@code adapter.history.whole-projects}). */
    public int wholeProjects() {
        return wholeProjects.size();
    }

    public Optional<QueueMemory> find(QueueKey key) {
        return Optional.ofNullable(queues.get(key));
    }

    /** Forgets every queue not in {@code watched}: a project that left its group takes its history along. */
    public void retain(Set<QueueKey> watched) {
        queues.keySet().retainAll(watched);
        wholeProjects.retainAll(watched);
    }

    /** Forgets every queue's memory, as at start. */
    @Override
    public void reset() {
        queues.clear();
        wholeProjects.clear();
    }

    /** Forgets one queue's memory. */
    public void forget(QueueKey key) {
        queues.remove(key);
        wholeProjects.remove(key);
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
