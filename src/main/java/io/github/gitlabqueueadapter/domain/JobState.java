package io.github.gitlabqueueadapter.domain;

import java.time.Instant;
import java.util.List;

/**
 * One CI job as the adapter keeps it: enough to answer status, tag and runner questions without asking GitLab again.
 *
 * @param queuedSeconds how long the job had waited when it was observed (GitLab's {@code queued_duration}), or null
 * @param createdAt when GitLab created the job, or null; used when {@code queuedSeconds} is missing
 * @param runnerId the runner that runs the job, or null while it waits
 * @param tagsKnown false for a job a tagless job event added (GitLab's Job Hook carries no job tags): it counts as
 *     pending, but no tag filter takes it until a read from GitLab brings its tags
 * @param ref the git ref the job runs for, or null when unknown (a job a Job Hook added): a runner that takes only
 *     protected refs does not take it until a read from GitLab brings it
 */
public record JobState(
        long id,
        String status,
        List<String> tags,
        Long runnerId,
        String runnerDescription,
        Double queuedSeconds,
        Instant createdAt,
        boolean tagsKnown,
        JobRef ref) {

    public static final String PENDING = "pending";
    public static final String RUNNING = "running";

    /**
     * Its strings are interned: statuses, tags and runner names repeat across thousands of jobs and projects, and one
     * copy of each is what lets a large instance's jobs fit a small heap (issue 28's 10,000 projects).
     */
    public JobState {
        tags = tags == null ? List.of() : interned(tags);
        status = status == null ? null : status.intern();
        runnerDescription = runnerDescription == null ? null : runnerDescription.intern();
    }

    private static List<String> interned(List<String> tags) {
        String[] kept = new String[tags.size()];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = tags.get(i).intern(); // a null tag fails here, as List.copyOf would
        }
        return List.of(kept);
    }

    /** A job of unknown ref. */
    public JobState(
            long id,
            String status,
            List<String> tags,
            Long runnerId,
            String runnerDescription,
            Double queuedSeconds,
            Instant createdAt,
            boolean tagsKnown) {
        this(id, status, tags, runnerId, runnerDescription, queuedSeconds, createdAt, tagsKnown, null);
    }

    /** A job whose tags are known, as GitLab's jobs API lists it. */
    public JobState(
            long id,
            String status,
            List<String> tags,
            Long runnerId,
            String runnerDescription,
            Double queuedSeconds,
            Instant createdAt) {
        this(id, status, tags, runnerId, runnerDescription, queuedSeconds, createdAt, true, null);
    }

    public boolean isPending() {
        return PENDING.equals(status);
    }

    public boolean isRunning() {
        return RUNNING.equals(status);
    }
}
