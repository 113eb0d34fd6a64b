package io.github.gitlabqueueadapter.insight;

import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.watch.QueueCatalog;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * The events that time alone makes (a runner unseen for {@code adapter.scaling.runner-gone}, a reader silent for
 * {@code adapter.scaling.reader-pause}), for queues nothing samples for a while (a project fed by job events is polled
 * only every {@code adapter.reconcile-interval}): every watched queue's timeline is moved on every few seconds.
 */
@ApplicationScoped
public class TimelineTicker {

    private final QueueCatalog catalog;
    private final QueueMemories insight;
    private final TimelineSharing sharing;
    private final Clock clock;

    TimelineTicker(QueueCatalog catalog, QueueMemories insight, TimelineSharing sharing, Clock clock) {
        this.catalog = catalog;
        this.insight = insight;
        this.sharing = sharing;
        this.clock = clock;
    }

    /** Every 5 s: the events are dated when their limit was crossed, so the tick's own lateness does not show. */
    @Scheduled(identity = "scaling-timeline", every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        Instant now = clock.instant();
        for (QueueKey key : catalog.all()) {
            insight.find(key).ifPresent(memory -> {
                memory.timeline().advance(now);
                sharing.share(key, memory);
            });
        }
    }
}
