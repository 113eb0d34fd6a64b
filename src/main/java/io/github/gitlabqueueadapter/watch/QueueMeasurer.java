package io.github.gitlabqueueadapter.watch;

import io.github.gitlabqueueadapter.domain.Answer;
import io.github.gitlabqueueadapter.domain.JobState;
import io.github.gitlabqueueadapter.domain.PollCadence;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.QueueFilter;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.QueueKind;
import io.github.gitlabqueueadapter.domain.QueueMeasurement;
import io.github.gitlabqueueadapter.domain.QueueQuery;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Measures any watched queue at a moment: takes the queue's own members and filter from the {@link QueueCatalog} and
 * has {@link QueueQuery} count their stored states. The readers' answers and the history's samples both come from
 * here, so they can never count differently.
 */
@ApplicationScoped
public class QueueMeasurer {

    private final QueueCatalog catalog;
    private final QueueQuery query;

    QueueMeasurer(QueueCatalog catalog, PollCadence cadence) {
        this.catalog = catalog;
        this.query = new QueueQuery(cadence);
    }

    /** The queue as its endpoint answers without parameters. */
    public Answer<QueueMeasurement> measure(QueueKey key, Instant now) {
        if (key.kind() == QueueKind.PROJECT) {
            return query.project(onlyState(key), now, QueueFilter.ALL);
        }
        if (catalog.runnersUnread(key)) {
            return new Answer.Unavailable<>(
                    key.name(),
                    "the pool's runners have not been read from GitLab yet (they are read every"
                            + " adapter.runner-refresh)");
        }
        return query.sum(key.name(), catalog.members(key), now, catalog.filter(key));
    }

    /** One project counting only the jobs {@code filter} keeps. */
    public Answer<QueueMeasurement> measure(ProjectRef project, QueueFilter filter, Instant now) {
        return query.project(catalog.state(project), now, filter);
    }

    /** The running jobs the queue counts, of every state that can still be served: who runs this queue now. */
    public List<JobState> running(QueueKey key, Instant now) {
        return query.running(catalog.members(key).states(), now, catalog.filter(key));
    }

    private ProjectState onlyState(QueueKey key) {
        return catalog.members(key).states().stream()
                .findFirst()
                .orElseGet(() -> ProjectState.unpolled(ProjectRef.parse(key.name())));
    }
}
