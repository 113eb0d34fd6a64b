package io.github.gitlabqueueadapter.domain;

import java.util.Optional;

/**
 * The three kinds of queue, named as in their URLs: {@code /queues/projects/...}, {@code /pools/...}, {@code
 * /groups/...}.
 */
public enum QueueKind {
    PROJECT("projects"),
    POOL("pools"),
    GROUP("groups");

    private final String segment;

    QueueKind(String segment) {
        this.segment = segment;
    }

    /** The URL segment: {@code projects}, {@code pools} or {@code groups}. */
    public String segment() {
        return segment;
    }

    /** {@code project}, {@code pool} or {@code group}: the metrics' {@code kind} label. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<QueueKind> ofSegment(String segment) {
        for (QueueKind kind : values()) {
            if (kind.segment.equals(segment)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
