package io.github.gitlabqueueadapter.watch;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ResetForTests;
import io.github.gitlabqueueadapter.domain.announcements.MemberNotFound;
import io.github.gitlabqueueadapter.domain.announcements.ProjectsJoined;
import io.github.gitlabqueueadapter.gitlab.GitLabClient;
import io.github.gitlabqueueadapter.gitlab.GitLabException;
import io.github.gitlabqueueadapter.gitlab.GitLabProject;
import io.github.gitlabqueueadapter.store.SnapshotWriter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Lists the projects of every watched group (GitLab has no group jobs endpoint), on its own slower interval. Projects
 * that joined are announced, so that they are polled at once and then with every round; removed and archived ones
 * leave, with their states. A failed listing keeps the members found before, and is tried again within seconds, with a
 * backoff, instead of at the next refresh: a group listed while GitLab blinked recovers as soon as GitLab does.
 */
@ApplicationScoped
public class GroupDiscovery implements ResetForTests {

    private static final Logger LOG = Logger.getLogger(GroupDiscovery.class);

    private final GitLabClient gitlab;
    private final NameResolution names;
    private final WatchedProjects watched;
    private final SnapshotWriter writer;
    private final Event<ProjectsJoined> joined;
    private final int maxProjects;
    /** The first retry of a failed listing; each next one waits twice as long, up to {@link #maxBackoff}. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final Map<GroupRef, String> lastFailure = new ConcurrentHashMap<>();
    private final Map<GroupRef, Integer> failedListings = new ConcurrentHashMap<>();
    private final Map<GroupRef, ScheduledFuture<?>> retriesDue = new ConcurrentHashMap<>();
    /** When each group was last listed again because a member answered 404 (monotonic nanoseconds). */
    private final Map<GroupRef, Long> relistedAt = new ConcurrentHashMap<>();
    /** One per watched group: listings of a group run one at a time. */
    private final Map<GroupRef, Object> listingLocks = new ConcurrentHashMap<>();

    private final Duration maxBackoff;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gitlab-group-retries");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean firstRoundDone;

    GroupDiscovery(
            GitLabClient gitlab,
            NameResolution names,
            WatchedProjects watched,
            SnapshotWriter writer,
            AdapterConfig config,
            Event<ProjectsJoined> joined) {
        this.gitlab = gitlab;
        this.names = names;
        this.watched = watched;
        this.writer = writer;
        this.joined = joined;
        this.maxProjects = config.maxGroupProjects();
        // well under the refresh (at least 10 s), never more than a minute
        Duration fifth = config.groupRefresh().dividedBy(5);
        this.maxBackoff = fifth.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : fifth;
    }

    /** Every {@code adapter.group-refresh}; a listing still running when the next is due is not doubled. */
    @Scheduled(
            identity = "group-discovery",
            every = "${adapter.group-refresh}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        refreshAll();
    }

    /**
     * Lists every watched group once, and asks the ids of projects named by path, then forgets any state of a project
     * no longer watched.
     */
    public void refreshAll() {
        names.resolve();
        watched.groups().forEach(this::refresh);
        writer.retain(watched::isWatched);
        firstRoundDone = true;
    }

    /** Whether every group was listed (or tried) once. */
    public boolean firstRoundDone() {
        return firstRoundDone || watched.groups().isEmpty();
    }

    /**
     * Lists one group and makes its projects the watched members. One listing of a group at a time (the refresh, a
     * retry, a relisting): a slower, older listing must not overwrite a newer one.
     */
    public void refresh(GroupRef group) {
        synchronized (listingLocks.computeIfAbsent(group, g -> new Object())) {
            list(group);
        }
    }

    private void list(GroupRef group) {
        Set<ProjectRef> before = new HashSet<>(watched.all());
        try {
            List<GitLabProject> projects = gitlab.groupProjects(group, maxProjects + 1);
            if (projects.size() > maxProjects) {
                LOG.warnf(
                        "Group %s: more than adapter.max-group-projects (%d) projects; watching the first %d",
                        group, maxProjects, maxProjects);
                projects = projects.subList(0, maxProjects);
            }
            Map<ProjectRef, Long> ids = new LinkedHashMap<>(); // a member named otherwise too is one project
            projects.forEach(p -> ids.put(ProjectRef.parse(p.pathWithNamespace()), p.id()));
            watched.setMembers(group, List.copyOf(ids.keySet()), ids);
            failedListings.remove(group);
            if (lastFailure.remove(group) != null) {
                LOG.infof("Group %s: listed again (%d projects)", group, projects.size());
            }
        } catch (RuntimeException e) {
            String reason = e instanceof GitLabException
                    ? e.getMessage()
                    : "unexpected " + e.getClass().getSimpleName();
            if (!reason.equals(lastFailure.put(group, reason))) {
                LOG.warnf("Group %s: its projects cannot be listed: %s; keeping the ones found before", group, reason);
            }
            retryLater(group);
            return;
        }
        List<ProjectRef> joinedNow =
                watched.all().stream().filter(p -> !before.contains(p)).toList();
        if (!joinedNow.isEmpty()) {
            joined.fire(new ProjectsJoined(joinedNow));
        }
        before.removeAll(watched.all());
        before.forEach(writer::projectLeft);
        if (!before.isEmpty()) {
            LOG.infof("Group %s: %d projects left the watch (removed, archived or moved)", group, before.size());
        }
    }

    /** Why the group's last listing failed, while it has not succeeded since. */
    public Optional<String> listingError(GroupRef group) {
        return Optional.ofNullable(lastFailure.get(group));
    }

    /** Every group whose last listing failed, with why. */
    public Map<GroupRef, String> listingErrors() {
        return Map.copyOf(lastFailure);
    }

    /** One retry at a time per group: 1 s, 2 s, 4 s, ... up to {@link #maxBackoff}, until a listing succeeds. */
    private void retryLater(GroupRef group) {
        int failures = failedListings.merge(group, 1, Integer::sum);
        if (retriesDue.containsKey(group)) {
            return;
        }
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 20));
        if (wait.compareTo(maxBackoff) > 0) {
            wait = maxBackoff;
        }
        try {
            retriesDue.put(
                    group,
                    retries.schedule(
                            () -> {
                                retriesDue.remove(group);
                                refresh(group);
                            },
                            wait.toMillis(),
                            TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException stopping) {
            // shutting down: no more retries
        }
    }

    /**
     * A member answered 404: its groups are listed again at once, each at most once per backoff cap (a project GitLab
     * keeps listing but refuses would otherwise cost a listing per poll). The listing decides: a project it no longer
     * shows leaves, one it still shows stays, counted as unavailable while it answers 404.
     */
    void relist(@Observes MemberNotFound missing) {
        long now = System.nanoTime();
        for (GroupRef group : watched.groupsOf(missing.project())) {
            if (retriesDue.containsKey(group)) {
                continue; // a retry of a failed listing is due anyway
            }
            boolean[] due = {false};
            relistedAt.compute(group, (g, last) -> {
                due[0] = last == null || now - last >= maxBackoff.toNanos();
                return due[0] ? now : last;
            });
            if (!due[0]) {
                continue; // every member 404 at once (the token lost the group): one listing, not one each
            }
            LOG.debugf(
                    "Group %s: member %s answers 404; listing the group again to learn whether it left",
                    group, missing.project());
            try {
                retries.execute(() -> refresh(group));
            } catch (RejectedExecutionException stopping) {
                return;
            }
        }
    }

    /** Forgets failures and pending retries, as at start. */
    @Override
    public void reset() {
        relistedAt.clear();
        retriesDue.values().forEach(retry -> retry.cancel(false));
        retriesDue.clear();
        failedListings.clear();
        lastFailure.clear();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        retries.shutdownNow();
    }
}
