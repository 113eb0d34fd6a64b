package io.github.gitlabqueueadapter.store;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/**
 * The store of one replica ({@code adapter.store=memory}, the default): a map bounded by the watched projects, since
 * only the poller adds entries and projects that leave a group are removed. {@link StoreChoice} makes it.
 */
public class InMemorySnapshotStore implements SnapshotStore {

    private final ConcurrentMap<ProjectRef, ProjectState> states = new ConcurrentHashMap<>();

    @Override
    public Optional<ProjectState> find(ProjectRef project) {
        return Optional.ofNullable(states.get(project));
    }

    @Override
    public List<ProjectState> all() {
        return List.copyOf(states.values());
    }

    @Override
    public void remove(ProjectRef project) {
        states.remove(project);
    }

    @Override
    public ProjectState updateIfPresent(ProjectRef project, UnaryOperator<ProjectState> change) {
        return states.computeIfPresent(project, (key, old) -> change.apply(old));
    }

    @Override
    public ProjectState update(ProjectRef project, UnaryOperator<ProjectState> change) {
        return states.compute(project, (key, old) -> change.apply(old == null ? ProjectState.unpolled(project) : old));
    }
}
