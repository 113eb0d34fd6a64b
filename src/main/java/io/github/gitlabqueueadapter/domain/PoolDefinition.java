package io.github.gitlabqueueadapter.domain;

import java.util.List;

/**
 * A runner pool as configured: its projects and groups, and which of their jobs its runners would be handed and run.
 *
 * @param filter pending jobs its runners' tags take; running jobs on its runners
 */
public record PoolDefinition(String name, List<ProjectRef> projects, List<GroupRef> groups, QueueFilter filter) {

    public PoolDefinition {
        projects = List.copyOf(projects);
        groups = List.copyOf(groups);
    }

    /**
     * Whether the pool stands for the GitLab runners it names, read from GitLab: it names runners and neither tags nor
     * run-untagged. A pool that gives tags keeps counting by them.
     */
    public boolean modelsRunners() {
        return filter.matcher() == null && filter.runners() != null;
    }

    /** Whether its projects are its runners' own: it names runners (and no tags) but no projects or groups. */
    public boolean ownScope() {
        return modelsRunners() && projects.isEmpty() && groups.isEmpty();
    }
}
