package io.github.gitlabqueueadapter.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * {@code GET /queues}: every watched project, for people with curl. Each element of {@code projects} is what
 * {@code GET /queues/projects/{project}} would answer for it: the queue's numbers, or the 503 error body.
 *
 * @param intervalSeconds seconds between two polls of a project
 * @param maxStalenessSeconds how old a number may get while GitLab fails before it is refused with 503
 */
@RegisterForReflection
public record QueueList(double intervalSeconds, double maxStalenessSeconds, List<Object> projects) {
}
