package io.github.gitlabqueueadapter.watch;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every project to poll: those named in {@code adapter.projects} and in pools, then the members of the watched
 * groups as last discovered. Named projects never leave; group members come and go with each discovery. The set is
 * replaced whole on every change, so readers never see it half-updated.
 */
@ApplicationScoped
public class WatchedProjects {

    private final Map<ProjectRef, ProjectRef> named = new LinkedHashMap<>();
    /** Configured groups, then those of pools' runners; replaced whole on a change. */
    private volatile Set<GroupRef> groups;
    /** Projects of pools' runners (a pool that names only runners): watched as named ones; replaced whole. */
    private volatile Map<ProjectRef, ProjectRef> ofRunners = Map.of();

    private volatile Map<GroupRef, List<ProjectRef>> members = Map.of();
    private volatile Map<ProjectRef, ProjectRef> all = Map.of();

    public WatchedProjects(AdapterConfig config) {
        Set<GroupRef> configured = new LinkedHashSet<>();
        config.projects().orElse(List.of()).forEach(this::addNamed);
        config.groups().orElse(List.of()).forEach(raw -> configured.add(GroupRef.parse(raw.strip())));
        config.pools().values().forEach(pool -> {
            pool.projects().orElse(List.of()).forEach(this::addNamed);
            pool.groups().orElse(List.of()).forEach(raw -> configured.add(GroupRef.parse(raw.strip())));
        });
        groups = Collections.unmodifiableSet(configured);
        rebuild();
    }

    private void addNamed(String raw) {
        ProjectRef project = ProjectRef.parse(raw.strip());
        named.putIfAbsent(project, project);
    }

    public List<ProjectRef> all() {
        return List.copyOf(all.values());
    }

    /** The watched project that {@code requested} names (paths compare case-insensitively), if any. */
    public Optional<ProjectRef> find(ProjectRef requested) {
        return Optional.ofNullable(all.get(requested));
    }

    /** Whether the project is named in the configuration, rather than found through a group. */
    public boolean isNamed(ProjectRef project) {
        return named.containsKey(project) || ofRunners.containsKey(project);
    }

    /** The watched groups, configured order. */
    public List<GroupRef> groups() {
        return List.copyOf(groups);
    }

    public Optional<GroupRef> findGroup(GroupRef requested) {
        return groups.stream().filter(requested::equals).findFirst();
    }

    /** The group's projects as last discovered, or empty before its first discovery. */
    public Optional<List<ProjectRef>> members(GroupRef group) {
        return Optional.ofNullable(members.get(group));
    }

    /** The first watched group (in configured order) that lists the project. */
    public Optional<GroupRef> groupOf(ProjectRef project) {
        return groupsOf(project).stream().findFirst();
    }

    /** Every watched group that lists the project, in configured order: a group and its subgroup both list it. */
    public List<GroupRef> groupsOf(ProjectRef project) {
        Map<GroupRef, List<ProjectRef>> now = members;
        return groups.stream()
                .filter(g -> now.getOrDefault(g, List.of()).contains(project))
                .toList();
    }

    /**
     * The projects and groups a pool's runners belong to, for a pool that names only runners: watched from now on as
     * if configured (a group's projects once it is listed). They stay watched until the adapter restarts.
     */
    public synchronized void addRunnerScope(Collection<ProjectRef> projects, Collection<GroupRef> runnerGroups) {
        Map<ProjectRef, ProjectRef> nextProjects = new LinkedHashMap<>(ofRunners);
        projects.forEach(p -> nextProjects.putIfAbsent(p, p));
        Set<GroupRef> nextGroups = new LinkedHashSet<>(groups);
        nextGroups.addAll(runnerGroups);
        ofRunners = Collections.unmodifiableMap(nextProjects);
        groups = Collections.unmodifiableSet(nextGroups);
        rebuild();
    }

    /** A discovery's result: the group's projects from now on. */
    public synchronized void setMembers(GroupRef group, List<ProjectRef> projects) {
        Map<GroupRef, List<ProjectRef>> next = new LinkedHashMap<>(members);
        next.put(group, List.copyOf(new LinkedHashSet<>(projects)));
        members = Map.copyOf(next);
        rebuild();
    }

    private void rebuild() {
        Map<ProjectRef, ProjectRef> next = new LinkedHashMap<>(named);
        ofRunners.keySet().forEach(p -> next.putIfAbsent(p, p));
        for (GroupRef group : groups) {
            members.getOrDefault(group, List.of()).forEach(p -> next.putIfAbsent(p, p));
        }
        all = next;
    }
}
