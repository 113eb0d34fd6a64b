package io.github.gitlabqueueadapter.poll;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.gitlab.GitLabClient;
import io.github.gitlabqueueadapter.gitlab.GitLabException;
import io.github.gitlabqueueadapter.gitlab.GitLabProject;
import io.github.gitlabqueueadapter.queue.GroupRef;
import io.github.gitlabqueueadapter.queue.ProjectRef;
import io.github.gitlabqueueadapter.queue.SnapshotStore;
import io.github.gitlabqueueadapter.queue.WatchedProjects;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Lists the projects of every watched group (GitLab has no group jobs endpoint), on its own slower interval. New
 * projects join the next poll round; removed and archived ones leave, with their snapshots. A failed listing keeps
 * the members found before.
 */
@ApplicationScoped
public class GroupDiscovery {

    private static final Logger LOG = Logger.getLogger(GroupDiscovery.class);

    private final GitLabClient gitlab;
    private final WatchedProjects watched;
    private final SnapshotStore store;
    private final int maxProjects;
    private final Map<GroupRef, String> lastFailure = new ConcurrentHashMap<>();

    GroupDiscovery(GitLabClient gitlab, WatchedProjects watched, SnapshotStore store, AdapterConfig config) {
        this.gitlab = gitlab;
        this.watched = watched;
        this.store = store;
        this.maxProjects = config.maxGroupProjects();
    }

    @Scheduled(identity = "group-discovery", every = "${adapter.group-refresh}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        refreshAll();
    }

    /** Lists every watched group once. */
    public void refreshAll() {
        watched.groups().forEach(this::refresh);
    }

    /** Lists one group and makes its projects the watched members. */
    public void refresh(GroupRef group) {
        Set<ProjectRef> before = new HashSet<>(watched.all());
        try {
            List<GitLabProject> projects = gitlab.groupProjects(group, maxProjects);
            if (projects.size() >= maxProjects) {
                LOG.warnf("Group %s: more than adapter.max-group-projects (%d) projects; watching the first %d",
                        group, maxProjects, maxProjects);
            }
            watched.setMembers(group, projects.stream().map(p -> ProjectRef.parse(p.pathWithNamespace())).toList());
            if (lastFailure.remove(group) != null) {
                LOG.infof("Group %s: listed again (%d projects)", group, projects.size());
            }
        } catch (GitLabException | IllegalArgumentException e) {
            if (!e.getMessage().equals(lastFailure.put(group, e.getMessage()))) {
                LOG.warnf("Group %s: its projects cannot be listed: %s; keeping the ones found before", group, e.getMessage());
            }
            return;
        }
        before.removeAll(watched.all());
        before.forEach(project -> {
            store.remove(project);
            gitlab.forget(project);
        });
        if (!before.isEmpty()) {
            LOG.infof("Group %s: %d projects left the watch (removed, archived or moved)", group, before.size());
        }
    }
}
