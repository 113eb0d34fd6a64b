package io.github.gitlabqueueadapter.watch;

import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.PoolDefinition;
import io.github.gitlabqueueadapter.domain.PoolRunnersRead;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.announcements.ProjectsJoined;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scope of a pool that names only runners (no projects, no groups): its project runners' projects and its group
 * runners' groups with their subgroups, watched like configured ones from the read that finds them (a new group is
 * listed at once, new projects are polled at once). An instance runner's scope is every project: such a pool must
 * name its projects or groups, which is logged once and said in the pool's answer.
 */
@ApplicationScoped
class RunnerScopes {

    private final WatchedProjects watched;
    private final GroupDiscovery discovery;
    private final RunnerReads reads;
    private final Event<ProjectsJoined> joined;

    RunnerScopes(WatchedProjects watched, GroupDiscovery discovery, RunnerReads reads, Event<ProjectsJoined> joined) {
        this.watched = watched;
        this.discovery = discovery;
        this.reads = reads;
        this.joined = joined;
    }

    /**
     * Watches what the pool's runners belong to, and says what cannot be watched.
     *
     * @return why part of the scope is not watched (instance runners), or null
     */
    String watch(PoolDefinition pool, PoolRunnersRead read) {
        if (!pool.ownScope()) {
            return null;
        }
        Set<ProjectRef> before = new HashSet<>(watched.all());
        Set<GroupRef> groupsBefore = new HashSet<>(watched.groups());
        watched.addRunnerScope(read.ownProjects(), read.ownGroups());
        read.ownGroups().stream().filter(g -> !groupsBefore.contains(g)).forEach(discovery::refresh);
        List<ProjectRef> joinedNow =
                watched.all().stream().filter(p -> !before.contains(p)).toList();
        if (!joinedNow.isEmpty()) {
            joined.fire(new ProjectsJoined(joinedNow));
        }
        List<Long> instance = read.instanceRunners();
        String problem = instance.isEmpty()
                ? null
                : "runner " + instance.stream().map(String::valueOf).collect(Collectors.joining(", runner "))
                        + " is an instance runner, whose scope is every project: name the pool's projects or groups"
                        + " (adapter.pools." + pool.name() + ".projects or .groups)";
        reads.note("pool " + pool.name(), problem);
        return problem;
    }
}
