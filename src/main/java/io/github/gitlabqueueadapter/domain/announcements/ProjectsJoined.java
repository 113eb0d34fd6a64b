package io.github.gitlabqueueadapter.domain.announcements;

import io.github.gitlabqueueadapter.domain.ProjectRef;
import java.util.List;

/** Announced when a group listing brought projects that were not watched before: they need a first poll now. */
public record ProjectsJoined(List<ProjectRef> projects) {

    public ProjectsJoined {
        projects = List.copyOf(projects);
    }
}
