package io.github.gitlabqueueadapter.queue;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every project to poll: those of {@code adapter.projects}, then those of the pools, in that order, each once. */
@ApplicationScoped
public class WatchedProjects {

    private final Map<ProjectRef, ProjectRef> projects = new LinkedHashMap<>();

    public WatchedProjects(AdapterConfig config) {
        config.projects().orElse(List.of()).forEach(this::add);
        config.pools().values().forEach(pool -> pool.projects().orElse(List.of()).forEach(this::add));
    }

    private void add(String raw) {
        ProjectRef project = ProjectRef.parse(raw.strip());
        projects.putIfAbsent(project, project);
    }

    public List<ProjectRef> all() {
        return List.copyOf(projects.values());
    }

    /** The watched project that {@code requested} names (paths compare case-insensitively), if any. */
    public Optional<ProjectRef> find(ProjectRef requested) {
        return Optional.ofNullable(projects.get(requested));
    }
}
