package io.github.gitlabqueueadapter.ops;

import io.github.gitlabqueueadapter.store.PollLeases;
import io.github.gitlabqueueadapter.store.SnapshotStore;
import io.github.gitlabqueueadapter.store.StoreHealth;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Informational ({@code /q/health/well}): where project states live, and with Redis whether it answers and whether the
 * replicas {@code adapter.redis.replicas} says run share it. DOWN while Redis is away, or while fewer replicas than
 * that have shared it for longer than the lease time (the others are down, or use another key prefix or another
 * Redis, and poll and spend the budget apart). Not part of readiness: a replica whose Redis is away, or that is alone,
 * keeps serving, as it does through a GitLab outage.
 */
@Wellness
@ApplicationScoped
public class StoreWellness implements HealthCheck {

    private final SnapshotStore store;
    private final PollLeases leases;

    StoreWellness(SnapshotStore store, PollLeases leases) {
        this.store = store;
        this.leases = leases;
    }

    @Override
    public HealthCheckResponse call() {
        StoreHealth health = store.health();
        Optional<Instant> fewerReplicas = leases.fewerReplicasSince();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("store")
                .status(health.shared() && fewerReplicas.isEmpty())
                .withData("store", health.kind());
        if (!"memory".equals(health.kind())) {
            response.withData("redis", health.shared() ? "up" : "down")
                    .withData("unsharedStates", health.unsharedStates())
                    .withData("replicas", leases.replicas())
                    .withData("replicasExpected", leases.expectedReplicas());
            fewerReplicas.ifPresent(since -> response.withData("fewerReplicasSince", since.toString()));
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
