package io.github.gitlabqueueadapter.ops;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.QueueKind;
import io.github.gitlabqueueadapter.watch.QueueCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Which queues have series of their own, so that the number of series follows what the operator configured, not how
 * many projects are watched: pools and groups always; a named project when {@code adapter.metrics.per-project} is on,
 * or when no pool or group counts it (the operator named it, and nothing else shows it) and there are at most
 * {@link #MAX_UNCOUNTED} such projects (with more, none has: 2,000 named projects made a scrape of 60,000 lines); a
 * group's member never.
 */
@ApplicationScoped
class ProjectSeries {

    /** Most named projects that no pool or group counts which keep their series without the key. */
    static final int MAX_UNCOUNTED = 50;

    private static final Logger LOG = Logger.getLogger(ProjectSeries.class);

    private final QueueCatalog catalog;
    private final boolean perProject;
    private volatile Boolean uncountedKept;

    ProjectSeries(QueueCatalog catalog, AdapterConfig config) {
        this.catalog = catalog;
        this.perProject = config.metrics().perProject();
    }

    /** Whether the queue has its gauges and its wait histogram. */
    boolean hasQueueSeries(QueueKey key) {
        if (key.kind() != QueueKind.PROJECT) {
            return true;
        }
        if (catalog.isGroupMember(key)) {
            return false;
        }
        return perProject || (countedOnlyByItself(key) && uncountedKept());
    }

    /** Whether the named projects no pool or group counts are few enough to keep their series; decided once. */
    private boolean uncountedKept() {
        Boolean kept = uncountedKept;
        if (kept == null) {
            long uncounted = catalog.all(QueueKind.PROJECT).stream()
                    .filter(key -> !catalog.isGroupMember(key) && countedOnlyByItself(key))
                    .count();
            kept = uncounted <= MAX_UNCOUNTED;
            if (!kept) {
                LOG.infof(
                        "%d named projects are counted by no pool or group: more than %d, so none has series of its"
                                + " own on /q/metrics (adapter.metrics.per-project=true gives them all)",
                        uncounted, MAX_UNCOUNTED);
            }
            uncountedKept = kept;
        }
        return kept;
    }

    /** Whether polls, pages and breakers are labelled by project ({@code adapter.metrics.per-project}). */
    boolean perProject() {
        return perProject;
    }

    private boolean countedOnlyByItself(QueueKey key) {
        return catalog.project(key)
                .map(project -> catalog.countedBy(project).size() == 1)
                .orElse(false);
    }
}
