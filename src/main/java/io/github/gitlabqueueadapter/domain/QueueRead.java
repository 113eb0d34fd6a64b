package io.github.gitlabqueueadapter.domain;

/**
 * Announced for every read of a queue's endpoint, 503s included: an autoscaler (or a person) asked.
 *
 * @param userAgent the client's {@code User-Agent}, or null
 */
public record QueueRead(QueueKey queue, String userAgent) {}
