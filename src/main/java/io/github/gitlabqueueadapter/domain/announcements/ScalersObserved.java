package io.github.gitlabqueueadapter.domain.announcements;

import io.github.gitlabqueueadapter.domain.QueueKey;
import java.time.Instant;
import java.util.List;

/**
 * Announced after each successful read of the cluster's KEDA objects ({@code adapter.kubernetes.enabled}): every
 * ScaledObject and ScaledJob found whose {@code metrics-api} trigger reads one of this adapter's queue endpoints, as it
 * stood at {@code at}. An object missing from the list no longer reads any queue (deleted, or its URL changed).
 */
public record ScalersObserved(Instant at, List<Scaler> scalers) {

    public ScalersObserved {
        scalers = List.copyOf(scalers);
    }

    /**
     * One KEDA object reading {@code queue}.
     *
     * @param kind {@code ScaledObject} or {@code ScaledJob}
     * @param desiredReplicas the ScaledObject's HPA {@code status.desiredReplicas}; null for a ScaledJob, or before the
     *     HPA has a status
     * @param currentReplicas the ScaledObject's HPA {@code status.currentReplicas}; null for a ScaledJob, or before
     * @param activeJobs the ScaledJob's Jobs still active ({@code status.active > 0}); null for a ScaledObject
     */
    public record Scaler(
            QueueKey queue,
            String kind,
            String namespace,
            String name,
            Integer desiredReplicas,
            Integer currentReplicas,
            Integer activeJobs) {}
}
