package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.domain.QueueKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where the queues' history, runners, waits for runners and scaling timelines outlive a replica. Alone
 * ({@code adapter.store=memory}) they live in the process only; with Redis, one replica at a time writes them there,
 * and a replica that starts reads them back, so its history, forecast, waits and timeline do not start empty.
 */
public interface HistoryArchive {

    /** One sample of a queue, as kept: when, and its numbers then. */
    record ArchivedSample(Instant at, int pending, int running, double oldestPendingSeconds, int forecastPending) {}

    /** One runner of a queue: who, and when it was last seen running one of its jobs. */
    record ArchivedRunner(long id, String description, Instant lastSeenAt) {}

    /** One job of a queue that started: when, and how long it had waited for a runner. */
    record ArchivedWait(Instant at, double seconds) {}

    /** One event of a queue's timeline: when, and the event as the timeline wrote it (one line). */
    record ArchivedEvent(Instant at, String line) {}

    /**
     * A queue's archive as read back: samples oldest first, its runners, its waits oldest first, and its timeline's
     * events as the timeline encoded them, oldest first.
     */
    record Archived(
            List<ArchivedSample> samples, List<ArchivedRunner> runners, List<ArchivedWait> waits, List<String> events) {
        public static final Archived NONE = new Archived(List.of(), List.of(), List.of(), List.of());

        public boolean isEmpty() {
            return samples.isEmpty() && runners.isEmpty() && waits.isEmpty() && events.isEmpty();
        }
    }

    /** Alone: nothing outlives the process. */
    HistoryArchive ALONE = new HistoryArchive() {
        @Override
        public void sample(QueueKey queue, ArchivedSample sample, Supplier<List<ArchivedRunner>> runners) {}

        @Override
        public void waited(QueueKey queue, ArchivedWait wait) {}

        @Override
        public void events(QueueKey queue, List<ArchivedEvent> events) {}

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

    /** A job of the queue started after this wait; never waits. At most {@code adapter.scaling.max-waits} are kept. */
    void waited(QueueKey queue, ArchivedWait wait);

    /**
     * Events just added to the queue's timeline, each one line of text; never waits. At most
     * {@code adapter.scaling.max-events} are kept.
     */
    void events(QueueKey queue, List<ArchivedEvent> events);

    /** Forgets what it keeps of queues no longer watched (their archive expires after the retention). */
    void retain(Set<QueueKey> watched);

    /**
     * What the archive holds for the queue; waits at most {@code adapter.redis.timeout}. Empty when it could not be
     * read (Redis away, or too slow): worth asking again.
     */
    Optional<Archived> read(QueueKey queue);
}
