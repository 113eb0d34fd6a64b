package io.github.gitlabqueueadapter.domain.announcements;

/**
 * Announced at most once a second, after scheduled polls stored their outcomes ({@link ProjectPolled#batched()}):
 * pools and groups are sampled once for all of them, not after each member (a group of n would cost n²).
 */
public record PollsStored() {}
