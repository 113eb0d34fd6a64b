package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.JobEvent;
import io.github.gitlabqueueadapter.domain.JobEventApplier;
import io.github.gitlabqueueadapter.domain.PollFailure;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectSnapshot;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.announcements.JobEventApplied;
import io.github.gitlabqueueadapter.domain.announcements.JobEventDoubted;
import io.github.gitlabqueueadapter.domain.announcements.ProjectLeft;
import io.github.gitlabqueueadapter.domain.announcements.ProjectPolled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The one writer of project states: it applies poll results, job events and departures to the {@link SnapshotStore}
 * and announces each ({@link ProjectPolled}, {@link JobEventApplied}, {@link ProjectLeft}). History, metrics and the
 * breakers' cleanup observe those announcements; no writer calls them.
 */
@ApplicationScoped
public class SnapshotWriter {

    private static final Logger LOG = Logger.getLogger(SnapshotWriter.class);

    /** Jobs on one page of GitLab's jobs API, as the poll asks for them. */
    static final int JOBS_PER_PAGE = 100;

    private final SnapshotStore store;
    private final Clock clock;
    private final Event<ProjectPolled> polled;
    private final Event<JobEventApplied> applied;
    private final Event<ProjectLeft> left;
    private final Event<JobEventDoubted> doubted;
    /** Most jobs a project's state holds: what a poll reads at most. */
    private final int maxJobs;

    SnapshotWriter(
            SnapshotStore store,
            Clock clock,
            AdapterConfig config,
            Event<ProjectPolled> polled,
            Event<JobEventApplied> applied,
            Event<ProjectLeft> left,
            Event<JobEventDoubted> doubted) {
        this.store = store;
        this.clock = clock;
        this.maxJobs = config.maxPages() * JOBS_PER_PAGE;
        this.polled = polled;
        this.applied = applied;
        this.left = left;
        this.doubted = doubted;
    }

    /** A poll read the project: its snapshot replaces the jobs whole. */
    public void pollSucceeded(ProjectSnapshot snapshot, boolean batched) {
        ProjectState state = store.update(snapshot.project(), s -> s.withSuccess(snapshot));
        announce(polled, new ProjectPolled(snapshot.project(), state, batched, snapshot.pages()));
    }

    /** A poll failed: the failure is kept beside the last good snapshot. */
    public void pollFailed(ProjectRef project, PollFailure failure, boolean batched) {
        ProjectState state = store.update(project, s -> s.withFailure(failure));
        announce(polled, new ProjectPolled(project, state, batched, 0));
    }

    /**
     * Applies a job event to a project already polled or tried (an event must neither count as a first poll nor bring
     * back a project that just left), and announces it when it changed the queue. It says {@code APPLIED} only when
     * the store holds the state that includes the change; one the store could not keep is {@code NOT_STORED}.
     */
    public JobEventApplier.Outcome applyEvent(ProjectRef project, JobEvent event) {
        AtomicReference<JobEventApplier.Result> result = new AtomicReference<>();
        ProjectState stored = store.updateIfPresent(project, state -> {
            result.set(JobEventApplier.apply(state, event, clock.instant(), maxJobs));
            return result.get().state();
        });
        JobEventApplier.Result last = result.get(); // the change applied to the base that was written, if any
        if (last == null) {
            return JobEventApplier.Outcome.NOT_POLLED_YET;
        }
        if (last.outcome() == JobEventApplier.Outcome.CHECKING) {
            announce(doubted, new JobEventDoubted(project, event.job().id()));
        }
        if (last.outcome() != JobEventApplier.Outcome.APPLIED) {
            return last.outcome();
        }
        if (stored != last.state()) {
            LOG.debugf("A job event for %s was applied but its state was not stored", project.name());
            return JobEventApplier.Outcome.NOT_STORED;
        }
        announce(applied, new JobEventApplied(project, stored, event.job()));
        return JobEventApplier.Outcome.APPLIED;
    }

    /** The project is no longer watched: its state goes, and so does everything kept for it. */
    public void projectLeft(ProjectRef project) {
        store.remove(project);
        announce(left, new ProjectLeft(project));
    }

    /** Removes the state of every project {@code watched} no longer accepts (one a late poll stored as it left). */
    public void retain(Predicate<ProjectRef> watched) {
        List<ProjectRef> gone = store.all().stream()
                .map(ProjectState::project)
                .filter(watched.negate())
                .toList();
        gone.forEach(this::projectLeft);
    }

    /** The write is done: an observer that fails (a bug, logged with its trace) must not undo it for the caller. */
    private <T> void announce(Event<T> event, T announcement) {
        try {
            event.fire(announcement);
        } catch (RuntimeException e) {
            LOG.errorf(
                    e,
                    "An observer of %s failed; the state was stored",
                    announcement.getClass().getSimpleName());
        }
    }
}
