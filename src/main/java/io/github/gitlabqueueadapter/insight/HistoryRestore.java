package io.github.gitlabqueueadapter.insight;

import io.github.gitlabqueueadapter.domain.ProjectsJoined;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.store.HistoryArchive;
import io.github.gitlabqueueadapter.store.HistoryArchive.Archived;
import io.github.gitlabqueueadapter.store.HistoryArchive.ArchivedRunner;
import io.github.gitlabqueueadapter.store.HistoryArchive.ArchivedSample;
import io.github.gitlabqueueadapter.watch.QueueCatalog;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Reads back the history and runners the {@link HistoryArchive} kept (with Redis: from before this replica started),
 * so that a restarted or new replica draws the chart and forecasts at once: every watched queue at start, beside it
 * (a read never waits for this), and the queue of each project that joins through a group later.
 */
@ApplicationScoped
public class HistoryRestore {

    private static final Logger LOG = Logger.getLogger(HistoryRestore.class);

    private final QueueCatalog catalog;
    private final Insight insight;
    private final HistoryArchive archive;
    private final Clock clock;

    HistoryRestore(QueueCatalog catalog, Insight insight, HistoryArchive archive, Clock clock) {
        this.catalog = catalog;
        this.insight = insight;
        this.archive = archive;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        Thread thread = new Thread(
                () -> {
                    int restored = 0;
                    for (QueueKey key : catalog.all()) {
                        restored += restore(key) ? 1 : 0;
                    }
                    if (restored > 0) {
                        LOG.infof("History read back from Redis for %d queues", restored);
                    }
                },
                "history-restore");
        thread.setDaemon(true);
        thread.start();
    }

    /** Projects that joined through a group: their own history too, if another replica kept one. */
    void joined(@Observes ProjectsJoined joined) {
        joined.projects().forEach(project -> restore(QueueKey.of(project)));
    }

    /** @return whether the archive held anything for the queue */
    boolean restore(QueueKey key) {
        Archived archived = archive.read(key);
        if (archived.samples().isEmpty() && archived.runners().isEmpty()) {
            return false;
        }
        Insight.QueueInsight memory = insight.of(key);
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
        return true;
    }

    static ArchivedSample archived(Sample sample) {
        return new ArchivedSample(
                sample.at(),
                sample.pending(),
                sample.running(),
                sample.oldestPendingSeconds(),
                sample.forecastPending());
    }

    static List<ArchivedRunner> archived(Insight.QueueInsight memory) {
        return memory.runners().runners().stream()
                .map(r -> new ArchivedRunner(r.id(), r.description(), r.lastSeenAt()))
                .toList();
    }
}
