package io.github.gitlabqueueadapter.domain;

import java.util.List;

/**
 * A runner pool as configured: its projects and groups, and which of their jobs its runners would be handed and run.
 *
 * @param filter pending jobs its runners' tags take; running jobs on its runners. For an overflow pool: its root
 *     pool's pending filter, its own runners and its wait (see {@link QueueFilter#overflowedBy})
 * @param overflow for a pool that is the overflow of another: which, and after how long a job overflows; its projects
 *     and groups are then those of {@link Overflow#root()} and its own lists are empty. Null otherwise
 */
public record PoolDefinition(
        String name, List<ProjectRef> projects, List<GroupRef> groups, QueueFilter filter, Overflow overflow) {

    public PoolDefinition {
        projects = List.copyOf(projects);
        groups = List.copyOf(groups);
    }

    /** A pool that overflows none. */
    public PoolDefinition(String name, List<ProjectRef> projects, List<GroupRef> groups, QueueFilter filter) {
        this(name, projects, groups, filter, null);
    }

    /**
     * Whether the pool stands for the GitLab runners it names, read from GitLab: it names runners and neither tags nor
     * run-untagged. A pool that gives tags keeps counting by them; an overflow pool's runners only tell its running
     * jobs apart (its pending jobs are its root pool's).
     */
    public boolean modelsRunners() {
        return overflow == null && filter.matcher() == null && filter.runners() != null;
    }

    /** Whether its projects are its runners' own: it names runners (and no tags) but no projects or groups. */
    public boolean ownScope() {
        return modelsRunners() && projects.isEmpty() && groups.isEmpty();
    }
}
