package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.domain.QueueKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where the queues' history and runners outlive a replica. Alone ({@code adapter.store=memory}) they live in the
 * process only; with Redis, one replica at a time writes them there, and a replica that starts reads them back, so
 * its history and forecast do not start empty.
 */
public interface HistoryArchive {

    /** One sample of a queue, as kept: when, and its numbers then. */
    record ArchivedSample(Instant at, int pending, int running, double oldestPendingSeconds, int forecastPending) {}

    /** One runner of a queue: who, and when it was last seen running one of its jobs. */
    record ArchivedRunner(long id, String description, Instant lastSeenAt) {}

    /** A queue's archive as read back: samples oldest first, and its runners. */
    record Archived(List<ArchivedSample> samples, List<ArchivedRunner> runners) {
        public static final Archived NONE = new Archived(List.of(), List.of());
    }

    /** Alone: nothing outlives the process. */
    HistoryArchive ALONE = new HistoryArchive() {
        @Override
        public void sample(QueueKey queue, ArchivedSample sample, Supplier<List<ArchivedRunner>> runners) {}

        @Override
        public void retain(Set<QueueKey> watched) {}

        @Override
        public Optional<Archived> read(QueueKey queue) {
            return Optional.of(Archived.NONE);
        }
    };

    /**
     * A sample just taken, and the queue's runners then (asked for only when they are written); never waits. Samples
     * of one time slot ({@code retention / max-samples}) replace each other, as in the history itself.
     */
    void sample(QueueKey queue, ArchivedSample sample, Supplier<List<ArchivedRunner>> runners);

    /** Forgets what it keeps of queues no longer watched (their archive expires after the retention). */
    void retain(Set<QueueKey> watched);

    /**
     * What the archive holds for the queue; waits at most {@code adapter.redis.timeout}. Empty when it could not be
     * read (Redis away, or too slow): worth asking again.
     */
    Optional<Archived> read(QueueKey queue);
}
