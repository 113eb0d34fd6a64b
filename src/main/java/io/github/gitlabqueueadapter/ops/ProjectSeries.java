package io.github.gitlabqueueadapter.ops;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.QueueKind;
import io.github.gitlabqueueadapter.watch.QueueCatalog;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which queues have series of their own, so that the number of series follows what the operator configured, not how
 * many projects are watched: pools and groups always; a named project when {@code adapter.metrics.per-project} is on,
 * or when no pool or group counts it (the operator named it, and nothing else shows it); a group's member never.
 */
@ApplicationScoped
class ProjectSeries {

    private final QueueCatalog catalog;
    private final boolean perProject;

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
        return perProject || countedOnlyByItself(key);
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
