package io.github.gitlabqueueadapter.poll;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectSnapshot;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.announcements.ProjectLeft;
import io.github.gitlabqueueadapter.gitlab.GitLabClient;
import io.github.gitlabqueueadapter.gitlab.GitLabException;
import io.github.gitlabqueueadapter.gitlab.JobsFetch;
import io.github.gitlabqueueadapter.store.SnapshotStore;
import io.github.gitlabqueueadapter.store.SnapshotWriter;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Polls one project: reads its pending and running jobs from GitLab and stores them as a new snapshot; a failure goes
 * to {@link PollFailures}. A poll interrupted by shutdown is neither recorded nor logged.
 */
@ApplicationScoped
class ProjectPoller {

    /** Logs as the poller: the category operators filter on stays one. */
    private static final Logger LOG = Logger.getLogger(QueuePoller.class);

    private final GitLabClient gitlab;
    private final SnapshotStore store;
    private final WatchedProjects watched;
    private final SnapshotWriter writer;
    private final Clock clock;
    private final PollFailures failures;
    private final PollWorkers workers;
    private final OutOfRangeJobs outOfRange = new OutOfRangeJobs();

    ProjectPoller(
            GitLabClient gitlab,
            SnapshotStore store,
            WatchedProjects watched,
            SnapshotWriter writer,
            Clock clock,
            PollFailures failures,
            PollWorkers workers) {
        this.gitlab = gitlab;
        this.store = store;
        this.watched = watched;
        this.writer = writer;
        this.clock = clock;
        this.failures = failures;
        this.workers = workers;
    }

    /**
     * Polls the project and records the outcome: a new snapshot, or the failure beside the last good snapshot.
     *
     * @param batched a scheduled poll: its pools and groups are sampled once for all at the next tick
     */
    void poll(ProjectRef project, boolean batched) {
        if (!watched.isWatched(project)) {
            return; // it left while this poll was booked: asking GitLab would only bring its guard back
        }
        ProjectState before = store.find(project).orElse(ProjectState.unpolled(project));
        try {
            Instant started = clock.instant();
            JobsFetch fetch = gitlab.pendingAndRunningJobs(project);
            ProjectSnapshot snapshot =
                    new ProjectSnapshot(project, fetch.jobs(), clock.instant(), fetch.capped(), fetch.pages(), started);
            if (fetch.projectId() != null && watched.learn(project, fetch.projectId())) {
                writer.retain(watched::isWatched); // another name of this project: one state, one poll from now on
            }
            if (!watched.isWatched(project)) {
                return; // it left its group, or proved another name's alias, while this poll ran
            }
            writer.pollSucceeded(snapshot, batched);
            if (before.lastFailure() != null) {
                LOG.infof("Project %s: GitLab answers again (%d pages read)", project, fetch.pages());
            }
            outOfRange.read(project, fetch);
            if (fetch.capped()) {
                LOG.debugf(
                        "Project %s: stopped at adapter.max-pages (%d pages); the count is capped",
                        project, fetch.pages());
            }
        } catch (GitLabException e) {
            if (!workers.stopping()) { // interrupted by shutdown: not something GitLab did
                failures.gitLabFailed(project, before, e, batched);
            }
        } catch (RuntimeException e) {
            if (!workers.stopping()) {
                failures.broke(project, before, e, batched);
            }
        }
    }

    /** A project that left needs no note of its jobs out of range. */
    void forget(@Observes ProjectLeft left) {
        outOfRange.forget(left.project());
    }
}
