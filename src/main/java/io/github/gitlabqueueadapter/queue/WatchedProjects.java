package io.github.gitlabqueueadapter.queue;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The projects named in {@code adapter.projects}, in the order given, each once. */
@ApplicationScoped
public class WatchedProjects {

    private final Map<ProjectRef, ProjectRef> projects = new LinkedHashMap<>();

    public WatchedProjects(AdapterConfig config) {
        for (String raw : config.projects().orElse(List.of())) {
            ProjectRef project = ProjectRef.parse(raw.strip());
            projects.putIfAbsent(project, project);
        }
    }

    public List<ProjectRef> all() {
        return List.copyOf(projects.values());
    }

    /** The watched project that {@code requested} names (paths compare case-insensitively), if any. */
    public Optional<ProjectRef> find(ProjectRef requested) {
        return Optional.ofNullable(projects.get(requested));
    }
}
