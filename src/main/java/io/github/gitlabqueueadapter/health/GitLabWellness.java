package io.github.gitlabqueueadapter.health;

import io.github.gitlabqueueadapter.queue.ProjectState;
import io.github.gitlabqueueadapter.queue.SnapshotStore;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
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

    GitLabWellness(SnapshotStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("gitlab").up();
        int failing = 0;
        for (ProjectState state : store.all()) {
            if (state.lastFailure() != null) {
                failing++;
                response.withData(state.project().name(), state.lastFailure().reason());
            }
        }
        return response.status(failing == 0).withData("failingProjects", failing).build();
    }
}
