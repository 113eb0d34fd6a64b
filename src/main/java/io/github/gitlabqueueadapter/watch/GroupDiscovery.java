package io.github.gitlabqueueadapter.watch;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.gitlab.GitLabClient;
import io.github.gitlabqueueadapter.gitlab.GitLabProject;
import io.github.gitlabqueueadapter.insight.InsightRecorder;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.store.SnapshotStore;
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
 * projects are polled at once and then with every round; removed and archived ones leave, with their snapshots. A
 * failed listing keeps
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
    private volatile boolean firstRoundDone;

    private final QueuePoller poller;
    private final InsightRecorder insight;

    GroupDiscovery(
            GitLabClient gitlab,
            WatchedProjects watched,
            SnapshotStore store,
            AdapterConfig config,
            QueuePoller poller,
            InsightRecorder insight) {
        this.poller = poller;
        this.insight = insight;
        this.gitlab = gitlab;
        this.watched = watched;
        this.store = store;
        this.maxProjects = config.maxGroupProjects();
    }

    @Scheduled(
            identity = "group-discovery",
            every = "${adapter.group-refresh}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        refreshAll();
    }

    /** Lists every watched group once, then forgets any state of a project no longer watched. */
    public void refreshAll() {
        watched.groups().forEach(this::refresh);
        store.all().stream()
                .map(ProjectState::project)
                .filter(p -> watched.find(p).isEmpty())
                .forEach(this::forget);
        insight.sweep();
        firstRoundDone = true;
    }

    /** Whether every group was listed (or tried) once. */
    public boolean firstRoundDone() {
        return firstRoundDone || watched.groups().isEmpty();
    }

    private void forget(ProjectRef project) {
        store.remove(project);
        gitlab.forget(project);
    }

    /** Lists one group and makes its projects the watched members. */
    public void refresh(GroupRef group) {
        Set<ProjectRef> before = new HashSet<>(watched.all());
        try {
            List<GitLabProject> projects = gitlab.groupProjects(group, maxProjects + 1);
            if (projects.size() > maxProjects) {
                LOG.warnf(
                        "Group %s: more than adapter.max-group-projects (%d) projects; watching the first %d",
                        group, maxProjects, maxProjects);
                projects = projects.subList(0, maxProjects);
            }
            watched.setMembers(
                    group,
                    projects.stream()
                            .map(p -> ProjectRef.parse(p.pathWithNamespace()))
                            .toList());
            if (lastFailure.remove(group) != null) {
                LOG.infof("Group %s: listed again (%d projects)", group, projects.size());
            }
        } catch (RuntimeException e) {
            String reason = e instanceof io.github.gitlabqueueadapter.gitlab.GitLabException
                    ? e.getMessage()
                    : "unexpected " + e.getClass().getSimpleName();
            if (!reason.equals(lastFailure.put(group, reason))) {
                LOG.warnf("Group %s: its projects cannot be listed: %s; keeping the ones found before", group, reason);
            }
            return;
        }
        List<ProjectRef> joined =
                watched.all().stream().filter(p -> !before.contains(p)).toList();
        poller.pollSoon(joined);
        before.removeAll(watched.all());
        before.forEach(this::forget);
        if (!before.isEmpty()) {
            insight.sweep();
            LOG.infof("Group %s: %d projects left the watch (removed, archived or moved)", group, before.size());
        }
    }
}
