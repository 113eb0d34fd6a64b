package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.domain.ResetForTests;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where project states live between polls. Every writer (the poller, later the webhook) goes through
 * {@link #update}, which replaces a state whole, so two writers never edit one snapshot in place.
 */
public interface SnapshotStore extends ResetForTests {

    Optional<ProjectState> find(ProjectRef project);

    List<ProjectState> all();

    /** Forgets a project that is no longer watched. */
    void remove(ProjectRef project);

    /**
     * Like {@link #update}, but only for a project already polled or tried: a job event must neither create a state
     * (which would count as "tried" for readiness) nor bring back a project that just left the watch.
     *
     * @return the state now stored (the very object {@code change} returned, when its result was stored), or null
     *     when there was no state to change
     */
    ProjectState updateIfPresent(ProjectRef project, UnaryOperator<ProjectState> change);

    /** Atomically replaces the project's state with {@code change} applied to it (or to an unpolled state). */
    ProjectState update(ProjectRef project, UnaryOperator<ProjectState> change);

    /** Forgets every project's state, as before the first poll. */
    @Override
    default void reset() {
        all().stream().map(ProjectState::project).forEach(this::remove);
    }

    /** Whether the states are shared as configured; a store of one process always is. */
    default StoreHealth health() {
        return StoreHealth.MEMORY;
    }
}
