package io.github.gitlabqueueadapter.domain.announcements;

import io.github.gitlabqueueadapter.domain.QueueKey;

/**
 * Announced for every read of a queue's endpoint, 503s included: an autoscaler (or a person) asked.
 *
 * @param userAgent the client's {@code User-Agent}, or null
 * @param byTags the read counted only the pending jobs runners with some tags would take ({@code ?tags=...})
 */
public record ReaderAsked(QueueKey queue, String userAgent, boolean byTags) {}
