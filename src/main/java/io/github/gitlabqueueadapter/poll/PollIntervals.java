package io.github.gitlabqueueadapter.poll;

import io.github.gitlabqueueadapter.domain.PollCadence;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.announcements.ProjectLeft;
import io.github.gitlabqueueadapter.store.SnapshotStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Each project's interval now ({@link PollCadence}): the reconcile interval while its job events arrive, the poll
 * interval otherwise; each switch between the two is logged once.
 */
@ApplicationScoped
class PollIntervals {

    /** Logs as the poller: the category operators filter on stays one. */
    private static final Logger LOG = Logger.getLogger(QueuePoller.class);

    private final SnapshotStore store;
    private final PollCadence cadence;
    /** Projects last seen fed by events, to log each switch of cadence once. */
    private final Set<ProjectRef> fedByEvents = ConcurrentHashMap.newKeySet();

    PollIntervals(SnapshotStore store, PollCadence cadence) {
        this.store = store;
        this.cadence = cadence;
    }

    /** The project's interval now: the reconcile interval while its events arrive. */
    Duration interval(ProjectRef project) {
        ProjectState state = store.find(project).orElse(ProjectState.unpolled(project));
        logCadenceChange(project, state.events().flowing());
        return cadence.interval(state);
    }

    /** Once per switch: a project's job events started to arrive, or a poll found that they missed a change. */
    private void logCadenceChange(ProjectRef project, boolean flowing) {
        if (flowing && fedByEvents.add(project)) {
            LOG.infof(
                    "Project %s: job events arrive; polling every %s (adapter.reconcile-interval) to reconcile",
                    project, PollLateness.seconds(cadence.reconcileInterval()));
        } else if (!flowing && fedByEvents.remove(project)) {
            LOG.infof(
                    "Project %s: a poll found a change no job event announced; polling every %s"
                            + " (adapter.poll-interval) until events arrive again",
                    project, PollLateness.seconds(cadence.pollInterval()));
        }
    }

    /** A project that left needs no log of its cadence. */
    void forget(@Observes ProjectLeft left) {
        fedByEvents.remove(left.project());
    }
}
