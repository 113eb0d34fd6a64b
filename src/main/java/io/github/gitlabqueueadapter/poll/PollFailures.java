package io.github.gitlabqueueadapter.poll;

import io.github.gitlabqueueadapter.domain.PollFailure;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.announcements.MemberNotFound;
import io.github.gitlabqueueadapter.gitlab.GitLabException;
import io.github.gitlabqueueadapter.store.SnapshotWriter;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * A poll that failed: the failure is recorded beside the last good snapshot, which is served while it is fresh
 * enough, and logged once per change of reason, so a revoked token does not fill the log every interval.
 */
@ApplicationScoped
class PollFailures {

    /** Logs as the poller: the category operators filter on stays one. */
    private static final Logger LOG = Logger.getLogger(QueuePoller.class);

    private static final String BREAKER_NOTE = "; this project's circuit breaker is open, so GitLab was not asked";

    private final WatchedProjects watched;
    private final SnapshotWriter writer;
    private final Clock clock;
    private final Event<MemberNotFound> memberNotFound;

    PollFailures(WatchedProjects watched, SnapshotWriter writer, Clock clock, Event<MemberNotFound> memberNotFound) {
        this.watched = watched;
        this.writer = writer;
        this.clock = clock;
        this.memberNotFound = memberNotFound;
    }

    /**
     * GitLab refused or failed the poll. A group's member that GitLab does not find is announced
     * ({@link MemberNotFound}): it leaves only when its group's listing says so.
     */
    void gitLabFailed(ProjectRef project, ProjectState before, GitLabException e, boolean batched) {
        record(project, before, failure(before.lastFailure(), e, clock.instant()), batched);
        if (e.kind() == GitLabException.Kind.NOT_FOUND && !watched.isNamed(project)) {
            memberNotFound.fire(new MemberNotFound(project));
        }
    }

    /** The poll broke on something unexpected here: logged with its trace, recorded as an internal error. */
    void broke(ProjectRef project, ProjectState before, RuntimeException e, boolean batched) {
        LOG.errorf(
                e,
                "Project %s: unexpected error while polling; serving the last good snapshot while it is fresh"
                        + " enough",
                project);
        record(
                project,
                before,
                new PollFailure(
                        "internal_error",
                        "unexpected error while polling (" + e.getClass().getSimpleName() + "); see the adapter's log",
                        clock.instant()),
                batched);
    }

    private void record(ProjectRef project, ProjectState before, PollFailure failure, boolean batched) {
        if (!watched.isWatched(project)) {
            return;
        }
        writer.pollFailed(project, failure, batched);
        logFailure(project, before, failure);
    }

    /**
     * The failure to record. An open breaker is a consequence, not a cause: it keeps the reason that opened it
     * (a 401 stays a 401 for the person reading {@code /queues}), with a note that GitLab was not asked.
     */
    static PollFailure failure(PollFailure previous, GitLabException e, Instant now) {
        if (e.kind() == GitLabException.Kind.CIRCUIT_OPEN && previous != null) {
            String message =
                    previous.message().endsWith(BREAKER_NOTE) ? previous.message() : previous.message() + BREAKER_NOTE;
            return new PollFailure(previous.reason(), message, now);
        }
        return new PollFailure(e.kind().code(), e.getMessage(), now);
    }

    /** Logs a failure once per change of reason, so a revoked token does not fill the log every interval. */
    private static void logFailure(ProjectRef project, ProjectState before, PollFailure failure) {
        String previous =
                before.lastFailure() == null ? null : before.lastFailure().reason();
        if (failure.reason().equals(previous)) {
            LOG.debugf("Project %s: poll failed again: %s", project, failure.message());
            return;
        }
        String keeping = before.lastGood() == null
                ? "no number to serve yet"
                : "serving the last good snapshot while it is fresh enough";
        LOG.warnf("Project %s: poll failed: %s; %s", project, failure.message(), keeping);
    }
}
