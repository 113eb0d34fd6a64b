package io.github.gitlabqueueadapter.insight;

import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.announcements.ProjectsJoined;
import io.github.gitlabqueueadapter.store.HistoryArchive;
import io.github.gitlabqueueadapter.store.HistoryArchive.Archived;
import io.github.gitlabqueueadapter.store.HistoryArchive.ArchivedRunner;
import io.github.gitlabqueueadapter.store.HistoryArchive.ArchivedSample;
import io.github.gitlabqueueadapter.store.HistoryArchive.ArchivedWait;
import io.github.gitlabqueueadapter.watch.QueueCatalog;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reads back the history, runners, waits and timeline events the {@link HistoryArchive} kept, and a pool's weekly
 * profile ({@link DemandProfiles}; with Redis: from before this replica started), so that a restarted or new replica
 * draws the chart, forecasts, shows its waits and timeline and warms its pools up at once: every watched queue at
 * start, beside it (a read never waits for this), and the queue of each project that joins through a group later.
 */
@ApplicationScoped
public class HistoryRestore {

    private static final Logger LOG = Logger.getLogger(HistoryRestore.class);

    /** Time between two tries to read back what Redis could not answer. */
    static final Duration RETRY = Duration.ofSeconds(1);

    /** Tries at most: a replica that starts while Redis is away starts with its own samples. */
    static final int ATTEMPTS = 10;

    private final QueueCatalog catalog;
    private final QueueMemories insight;
    private final HistoryArchive archive;
    private final TimelineSharing sharing;
    private final DemandProfiles profiles;
    private final Clock clock;
    /** One thread for the restores after start, in order; a queue of joins, bounded by the watched projects. */
    private final java.util.concurrent.ExecutorService later =
            java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "history-restore");
                thread.setDaemon(true);
                return thread;
            });

    HistoryRestore(
            QueueCatalog catalog,
            QueueMemories insight,
            HistoryArchive archive,
            TimelineSharing sharing,
            DemandProfiles profiles,
            Clock clock) {
        this.catalog = catalog;
        this.profiles = profiles;
        this.sharing = sharing;
        this.insight = insight;
        this.archive = archive;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        List<QueueKey> keys = catalog.all();
        later.execute(() -> restoreAll(keys));
    }

    /**
     * Reads back every queue's archive; a queue whose archive could not be read (Redis away, or slow while the
     * replica starts) is asked again every {@link #RETRY} up to {@link #ATTEMPTS} times.
     */
    private void restoreAll(List<QueueKey> keys) {
        List<QueueKey> left = keys;
        int restored = 0;
        for (int attempt = 1; attempt <= ATTEMPTS && !left.isEmpty(); attempt++) {
            if (attempt > 1 && !pause()) {
                return;
            }
            List<QueueKey> unread = new ArrayList<>();
            for (QueueKey key : left) {
                Optional<Boolean> held = restore(key);
                if (held.isEmpty()) {
                    unread.add(key);
                } else if (held.get()) {
                    restored++;
                }
            }
            left = unread;
        }
        if (restored > 0) {
            LOG.infof("History read back from Redis for %d queues", restored);
        }
        if (!left.isEmpty()) {
            LOG.infof(
                    "The history of %d queues could not be read back from Redis; they start with what this replica"
                            + " samples",
                    left.size());
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(RETRY.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Projects that joined through a group: their own history too, if another replica kept one; beside the group's
     * listing, which readiness waits for, never in its way.
     */
    void joined(@Observes ProjectsJoined joined) {
        List<QueueKey> keys = joined.projects().stream().map(QueueKey::of).toList();
        try {
            later.execute(() -> restoreAll(keys));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        later.shutdownNow();
    }

    /** @return whether the archive held anything for the queue; empty when it could not be read */
    Optional<Boolean> restore(QueueKey key) {
        if (!profiles.restore(key)) {
            return Optional.empty(); // before the history, which is then read again with it
        }
        Optional<Archived> read = archive.read(key);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Archived archived = read.get();
        if (archived.isEmpty()) {
            return Optional.of(false);
        }
        QueueMemories.QueueMemory memory = insight.of(key);
        memory.history()
                .restore(archived.samples().stream()
                        .map(s -> new Sample(
                                s.at(), s.pending(), s.running(), s.oldestPendingSeconds(), s.forecastPending()))
                        .toList());
        memory.runners()
                .restore(
                        archived.runners().stream()
                                .map(r -> new RunnerLog.Runner(r.id(), r.description(), 0, r.lastSeenAt()))
                                .toList(),
                        clock.instant());
        memory.waits()
                .restore(
                        archived.waits().stream().map(ArchivedWait::at).toList(),
                        archived.waits().stream().map(ArchivedWait::seconds).toList(),
                        memory.timeline().firstSampleAt());
        memory.timeline().restore(sharing.decode(archived.events()));
        return Optional.of(true);
    }

    static ArchivedSample archived(Sample sample) {
        return new ArchivedSample(
                sample.at(),
                sample.pending(),
                sample.running(),
                sample.oldestPendingSeconds(),
                sample.forecastPending());
    }

    static List<ArchivedRunner> archived(QueueMemories.QueueMemory memory) {
        return memory.runners().runners().stream()
                .map(r -> new ArchivedRunner(r.id(), r.description(), r.lastSeenAt()))
                .toList();
    }
}
