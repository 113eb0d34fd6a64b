package io.github.gitlabqueueadapter.watch;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ResetForTests;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
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
 *
 * <p>A project has one identity, GitLab's numeric id, whatever names point at it: an id and a path in the
 * configuration, a named project that is also a group's member. Ids are learned from group listings, from the jobs a
 * poll reads and from job events; names of one id become aliases of the first (named projects in configured order,
 * then group members), which alone is polled, stored and counted, and which every alias finds.
 */
@ApplicationScoped
public class WatchedProjects implements ResetForTests {

    private final Map<ProjectRef, ProjectRef> named = new LinkedHashMap<>();
    /** Configured groups, then those of pools' runners; replaced whole on a change. */
    private volatile Set<GroupRef> groups;
    /** Projects of pools' runners (a pool that names only runners): watched as named ones; replaced whole. */
    private volatile Map<ProjectRef, ProjectRef> ofRunners = Map.of();
    /** The GitLab id of each path learned so far (a numeric name is its own id). */
    private final Map<ProjectRef, Long> ids = new HashMap<>();

    private volatile Map<GroupRef, List<ProjectRef>> members = Map.of();
    /** Every name, alias or not, to the project it names. */
    private volatile Map<ProjectRef, ProjectRef> all = Map.of();

    static final int MAX_MEMBER_SETS = 64;
    /** Lists of names (by identity) and their watched projects, made from {@link #memberSetsOf}; guarded by itself. */
    private final Map<List<ProjectRef>, Set<ProjectRef>> memberSets = new IdentityHashMap<>();

    private Map<ProjectRef, ProjectRef> memberSetsOf;
    /** The projects themselves: each once, in order. */
    private volatile List<ProjectRef> projects = List.of();

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

    /** The watched projects, each once (not its aliases). */
    public List<ProjectRef> all() {
        return projects;
    }

    /** The watched project that {@code requested} names (paths compare case-insensitively, aliases included). */
    public Optional<ProjectRef> find(ProjectRef requested) {
        return Optional.ofNullable(all.get(requested));
    }

    /** Whether {@code project} is a watched project itself, not an alias of one nor gone. */
    public boolean isWatched(ProjectRef project) {
        ProjectRef found = all.get(project);
        return found != null && found.equals(project);
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

    /** The group's projects as last discovered (each as the watched project it is), or empty before its first. */
    public Optional<List<ProjectRef>> members(GroupRef group) {
        List<ProjectRef> listed = members.get(group);
        return listed == null ? Optional.empty() : Optional.of(watchedOf(listed));
    }

    /** The first watched group (in configured order) that lists the project. */
    public Optional<GroupRef> groupOf(ProjectRef project) {
        return groupsOf(project).stream().findFirst();
    }

    /** Every watched group that lists the project, in configured order: a group and its subgroup both list it. */
    public List<GroupRef> groupsOf(ProjectRef project) {
        ProjectRef watched = all.get(project);
        if (watched == null) {
            return List.of();
        }
        Map<GroupRef, List<ProjectRef>> now = members;
        return groups.stream()
                .filter(g -> now.getOrDefault(g, List.of()).stream().anyMatch(p -> watched.equals(all.get(p))))
                .toList();
    }

    /** The watched projects {@code names} name, each once, in order. */
    public List<ProjectRef> watchedOf(List<ProjectRef> names) {
        return watchedOf(names, all);
    }

    private static List<ProjectRef> watchedOf(List<ProjectRef> names, Map<ProjectRef, ProjectRef> now) {
        return names.stream().map(now::get).filter(p -> p != null).distinct().toList();
    }

    /**
     * {@link #watchedOf} as a set, kept per list of names (a pool's) while the watched projects stay the same: a
     * pool's membership is asked for each project, and with 10,000 projects in five pools recomputing it made the
     * start quadratic (104 s in bench/scale.sh). At most {@value #MAX_MEMBER_SETS} lists are kept.
     */
    public Set<ProjectRef> watchedSetOf(List<ProjectRef> names) {
        Map<ProjectRef, ProjectRef> now = all;
        synchronized (memberSets) {
            if (memberSetsOf != now) {
                memberSets.clear();
                memberSetsOf = now;
            }
            Set<ProjectRef> set = memberSets.get(names);
            if (set == null) {
                set = Set.copyOf(watchedOf(names, now));
                if (memberSets.size() >= MAX_MEMBER_SETS) {
                    memberSets.clear();
                }
                memberSets.put(names, set);
            }
            return set;
        }
    }

    /**
     * The projects and groups a pool's runners belong to, for a pool that names only runners: watched from now on as
     * if configured (a group's projects once it is listed). They stay watched until the adapter restarts.
     */
    public synchronized void addRunnerScope(Collection<ProjectRef> runnerProjects, Collection<GroupRef> runnerGroups) {
        Map<ProjectRef, ProjectRef> nextProjects = new LinkedHashMap<>(ofRunners);
        runnerProjects.forEach(p -> nextProjects.putIfAbsent(p, p));
        Set<GroupRef> nextGroups = new LinkedHashSet<>(groups);
        nextGroups.addAll(runnerGroups);
        ofRunners = Collections.unmodifiableMap(nextProjects);
        groups = Collections.unmodifiableSet(nextGroups);
        rebuild();
    }

    /**
     * Every group listed since start has no members again, so that they join when the group is listed next; a group
     * never listed stays unlisted.
     */
    @Override
    public synchronized void reset() {
        List.copyOf(members.keySet()).forEach(group -> setMembers(group, List.of()));
    }

    /** A discovery's result: the group's projects from now on. */
    public void setMembers(GroupRef group, List<ProjectRef> projects) {
        setMembers(group, projects, Map.of());
    }

    /** A discovery's result, with the GitLab id of each project listed. */
    public synchronized void setMembers(GroupRef group, List<ProjectRef> listed, Map<ProjectRef, Long> listedIds) {
        Map<GroupRef, List<ProjectRef>> next = new LinkedHashMap<>(members);
        next.put(group, List.copyOf(new LinkedHashSet<>(listed)));
        members = Map.copyOf(next);
        ids.putAll(listedIds);
        forgetIdsOfNamesGone();
        rebuild();
    }

    /**
     * GitLab says {@code name} (a path) is project {@code id} (a poll's jobs, a job event): when another name already
     * watches that id, {@code name} becomes its alias. True when this changed what is watched.
     */
    public synchronized boolean learn(ProjectRef name, long id) {
        if (isId(name) || !all.containsKey(name) || Long.valueOf(id).equals(ids.get(name))) {
            return false;
        }
        ids.put(name, id);
        List<ProjectRef> before = projects;
        rebuild();
        return !before.equals(projects);
    }

    /** The configured paths whose GitLab id is not known yet: to be asked of GitLab ({@link NameResolution}). */
    public synchronized List<ProjectRef> pathsWithoutId() {
        List<ProjectRef> paths = new ArrayList<>();
        named.keySet().forEach(paths::add);
        paths.addAll(ofRunners.keySet());
        return paths.stream().filter(p -> idOf(p) == null).distinct().toList();
    }

    private void forgetIdsOfNamesGone() {
        Set<ProjectRef> names = new HashSet<>(named.keySet());
        names.addAll(ofRunners.keySet());
        members.values().forEach(names::addAll);
        ids.keySet().retainAll(names);
    }

    private static boolean isId(ProjectRef name) {
        return name.name().chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private Long idOf(ProjectRef name) {
        return isId(name) ? Long.valueOf(name.name()) : ids.get(name);
    }

    private void rebuild() {
        Map<ProjectRef, ProjectRef> next = new LinkedHashMap<>();
        Map<Long, ProjectRef> byId = new HashMap<>();
        List<ProjectRef> watched = new ArrayList<>();
        List<ProjectRef> names = new ArrayList<>(named.keySet());
        names.addAll(ofRunners.keySet());
        for (GroupRef group : groups) {
            names.addAll(members.getOrDefault(group, List.of()));
        }
        for (ProjectRef name : names) {
            if (next.containsKey(name)) {
                continue;
            }
            Long id = idOf(name);
            ProjectRef project = id == null ? null : byId.get(id);
            if (project == null) {
                project = name;
                watched.add(name);
                if (id != null) {
                    byId.put(id, name);
                }
            }
            next.put(name, project);
        }
        byId.forEach((id, project) -> next.putIfAbsent(ProjectRef.parse(String.valueOf(id)), project));
        all = next;
        projects = List.copyOf(watched);
    }
}
