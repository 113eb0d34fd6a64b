package io.github.gitlabqueueadapter.watch;

import io.github.gitlabqueueadapter.domain.Answer;
import io.github.gitlabqueueadapter.domain.GitLabCount;
import io.github.gitlabqueueadapter.domain.JobState;
import io.github.gitlabqueueadapter.domain.PollCadence;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.QueueFilter;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.QueueKind;
import io.github.gitlabqueueadapter.domain.QueueMeasurement;
import io.github.gitlabqueueadapter.domain.QueueQuery;
import io.github.gitlabqueueadapter.domain.TakingRunners;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measures any watched queue at a moment: takes the queue's own members and filter from the {@link QueueCatalog} and
 * has {@link QueueQuery} count their stored states; a pool that GitLab counts ({@code gitlab.instance-count=graphql},
 * {@link GitLabCounts}) takes its pending jobs from GitLab's listing and its running jobs from the states. The readers'
 * answers and the history's samples both come from here, so they can never count differently.
 */
@ApplicationScoped
public class QueueMeasurer {

    /** A pool's running jobs alone: its pending ones come from GitLab's own count. */
    private static final TakingRunners NO_PENDING = new TakingRunners(List.of(), Map.of());

    private final QueueCatalog catalog;
    private final QueueQuery query;
    private final GitLabCounts counts;
    private final Duration maxStaleness;

    QueueMeasurer(QueueCatalog catalog, PollCadence cadence, GitLabCounts counts, BudgetAllowances budget) {
        this.catalog = catalog;
        this.query = new QueueQuery(cadence, budget::current);
        this.counts = counts;
        this.maxStaleness = cadence.maxStaleness();
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
        QueueQuery.Members members = catalog.members(key);
        Optional<GitLabCount> counted = gitlabCount(key);
        if (counted.isPresent()) {
            return counted.get()
                    .over(
                            query.sum(
                                    key.name(),
                                    members,
                                    now,
                                    catalog.filter(key).taking(NO_PENDING)),
                            projects(members),
                            now,
                            maxStaleness);
        }
        return query.sum(key.name(), members, now, catalog.filter(key));
    }

    /** A pool's pending jobs as GitLab counted them ({@code gitlab.instance-count=graphql}); empty otherwise. */
    public Optional<GitLabCount> gitlabCount(QueueKey key) {
        return key.kind() == QueueKind.POOL ? counts.of(key.name()) : Optional.empty();
    }

    /** The projects the queue sums now. */
    public List<ProjectRef> projects(QueueKey key) {
        return projects(catalog.members(key));
    }

    private static List<ProjectRef> projects(QueueQuery.Members members) {
        return members.states().stream().map(ProjectState::project).toList();
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
