package io.github.gitlabqueueadapter.ops;

import io.github.gitlabqueueadapter.store.SnapshotStore;
import io.github.gitlabqueueadapter.watch.GroupDiscovery;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the configuration was accepted (else the process would not run), every group was listed once and every
 * project was polled once.
 * It does not follow GitLab's health afterwards: a GitLab outage must not take every replica out of the Service,
 * since the adapter still serves stale numbers and clear 503s. GitLab's state shows in {@link GitLabWellness}.
 */
@Readiness
@ApplicationScoped
public class FirstPollReadiness implements HealthCheck {

    private final GroupDiscovery discovery;
    private final WatchedProjects watched;
    private final SnapshotStore store;

    FirstPollReadiness(GroupDiscovery discovery, WatchedProjects watched, SnapshotStore store) {
        this.discovery = discovery;
        this.watched = watched;
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        boolean groupsListed = discovery.firstRoundDone();
        long unpolled = watched.all().stream()
                .filter(project -> store.find(project).isEmpty())
                .count();
        return HealthCheckResponse.named("first-poll")
                .status(groupsListed && unpolled == 0)
                .withData("groupsListed", groupsListed)
                .withData("projectsNotPolledYet", unpolled)
                .build();
    }
}
