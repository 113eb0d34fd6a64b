package io.github.gitlabqueueadapter.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * {@code GET /queues}: every watched project, pool and group, for people with curl. Each element is what its own
 * endpoint would answer: the queue's numbers, or the 503 error body.
 *
 * @param intervalSeconds seconds between two polls of a project now: {@code adapter.poll-interval}, or longer when
 *        the request budget stretched the last round
 * @param maxStalenessSeconds how old a number may get while GitLab fails before it is refused with 503
 */
@RegisterForReflection
public record QueueList(
        double intervalSeconds,
        double maxStalenessSeconds,
        List<Object> projects,
        List<Object> pools,
        List<Object> groups) {}
