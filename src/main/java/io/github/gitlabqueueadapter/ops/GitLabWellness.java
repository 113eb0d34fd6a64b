package io.github.gitlabqueueadapter.ops;

import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.ProjectState;
import io.github.gitlabqueueadapter.store.SnapshotStore;
import io.github.gitlabqueueadapter.watch.GroupDiscovery;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Informational ({@code /q/health/well}, not part of liveness or readiness): whether the last poll of every project
 * succeeded, and for each failing one the reason code.
 */
@Wellness
@ApplicationScoped
public class GitLabWellness implements HealthCheck {

    private final SnapshotStore store;
    private final WatchedProjects watched;
    private final GroupDiscovery discovery;

    GitLabWellness(SnapshotStore store, WatchedProjects watched, GroupDiscovery discovery) {
        this.store = store;
        this.watched = watched;
        this.discovery = discovery;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("gitlab").up();
        int failing = 0;
        for (ProjectRef project : watched.all()) {
            ProjectState state = store.find(project).orElse(null);
            if (state != null && state.lastFailure() != null) {
                failing++;
                response.withData(state.project().name(), state.lastFailure().reason());
            }
        }
        Map<GroupRef, String> groups = discovery.listingErrors();
        groups.forEach((group, error) -> response.withData("group " + group.name(), error));
        return response.status(failing == 0 && groups.isEmpty())
                .withData("failingProjects", failing)
                .withData("failingGroupListings", groups.size())
                .build();
    }
}
