package io.github.gitlabqueueadapter.domain;

import java.util.List;

/** Announced when a group listing brought projects that were not watched before: they need a first poll now. */
public record ProjectsJoined(List<ProjectRef> projects) {

    public ProjectsJoined {
        projects = List.copyOf(projects);
    }
}
