package io.github.gitlabqueueadapter.ops;

import io.github.gitlabqueueadapter.store.SnapshotStore;
import io.github.gitlabqueueadapter.store.StoreHealth;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Informational ({@code /q/health/well}): where project states live, and with Redis whether it answers. Not part of
 * readiness: a replica whose Redis is away keeps serving from its own copy, as it does through a GitLab outage.
 */
@Wellness
@ApplicationScoped
public class StoreWellness implements HealthCheck {

    private final SnapshotStore store;

    StoreWellness(SnapshotStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        StoreHealth health = store.health();
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("store").status(health.shared()).withData("store", health.kind());
        if (!"memory".equals(health.kind())) {
            response.withData("redis", health.shared() ? "up" : "down")
                    .withData("unsharedStates", health.unsharedStates());
        }
        if (health.downSince() != null) {
            response.withData("downSince", health.downSince().toString());
        }
        if (health.lastError() != null) {
            response.withData("error", health.lastError());
        }
        return response.build();
    }
}
