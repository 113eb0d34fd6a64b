package io.github.gitlabqueueadapter.ops;

import io.github.gitlabqueueadapter.domain.FirstPollRule;
import io.github.gitlabqueueadapter.domain.PollCadence;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ResetForTests;
import io.github.gitlabqueueadapter.store.SnapshotStore;
import io.github.gitlabqueueadapter.watch.GroupDiscovery;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the configuration was accepted (else the process would not run), every group was listed once and every
 * project was polled once, by this replica or, with Redis, by another one ({@link FirstPollRule}: a state tried within
 * adapter.max-staleness, or whose number may still be served): a replica that starts beside a shared Redis is ready
 * with the states it read there, and serves them, before its own first poll.
 * It does not follow GitLab's health afterwards: a project counted once stays counted while it is watched, since the
 * adapter still serves stale numbers and clear 503s, and a GitLab outage must not take every replica out of the
 * Service. GitLab's state shows in {@link GitLabWellness}.
 */
@Readiness
@ApplicationScoped
public class FirstPollReadiness implements HealthCheck, ResetForTests {

    private final GroupDiscovery discovery;
    private final WatchedProjects watched;
    private final SnapshotStore store;
    private final FirstPollRule rule;
    private final Clock clock;

    /** The watched projects counted once: at most one entry per watched project (the others are dropped). */
    private final Set<ProjectRef> counted = ConcurrentHashMap.newKeySet();

    FirstPollReadiness(
            GroupDiscovery discovery, WatchedProjects watched, SnapshotStore store, PollCadence cadence, Clock clock) {
        this.discovery = discovery;
        this.watched = watched;
        this.store = store;
        this.rule = new FirstPollRule(cadence);
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        boolean groupsListed = discovery.firstRoundDone();
        List<ProjectRef> projects = watched.all();
        counted.retainAll(new HashSet<>(projects));
        Instant now = clock.instant();
        long unpolled = 0;
        for (ProjectRef project : projects) {
            if (counted.contains(project)) {
                continue;
            }
            if (rule.counts(store.find(project).orElse(null), now)) {
                counted.add(project);
            } else {
                unpolled++;
            }
        }
        return HealthCheckResponse.named("first-poll")
                .status(groupsListed && unpolled == 0)
                .withData("groupsListed", groupsListed)
                .withData("projectsNotPolledYet", unpolled)
                .build();
    }

    @Override
    public void reset() {
        counted.clear();
    }
}
