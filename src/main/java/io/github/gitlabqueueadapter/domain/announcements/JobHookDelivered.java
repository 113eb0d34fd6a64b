package io.github.gitlabqueueadapter.domain.announcements;

/**
 * Announced for every delivery to {@code POST /webhooks/gitlab}, by what became of it: applied, outdated, duplicate,
 * unwatched, ignored, not_polled_yet, not_stored, unauthorized, malformed, too_large, off, ...
 */
public record JobHookDelivered(String result) {}
