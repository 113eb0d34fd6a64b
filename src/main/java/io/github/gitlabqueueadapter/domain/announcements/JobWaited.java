package io.github.gitlabqueueadapter.domain.announcements;

import io.github.gitlabqueueadapter.domain.QueueKey;

/**
 * Announced for each job a queue counts that was seen starting (or first seen finished): what the wait-time histogram
 * follows from.
 *
 * @param waitSeconds how long the job waited for a runner; null when GitLab gave no wait (a finished job's event)
 * @param seenOnlyFinished the adapter first saw the job finished, never waiting or running
 */
public record JobWaited(QueueKey queue, Double waitSeconds, boolean seenOnlyFinished) {}
