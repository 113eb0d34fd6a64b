package io.github.gitlabqueueadapter.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ranges GitLab keeps a job's fields in. A Job Hook outside them is refused at the door; a job from anywhere
 * else (a GitLab answer, a state another replica stored) is brought inside them, so that nothing kept can make a
 * count fail or a memory grow past its bound.
 */
public final class JobLimits {

    /** Tags a job may have: GitLab allows 50. */
    public static final int MAX_TAGS = 50;

    /** Characters a tag may have: GitLab allows 255. */
    public static final int MAX_TAG_LENGTH = 255;

    /**
     * Characters of distinct tags one project's jobs may hold when events bring them: GitLab's jobs share a few tag
     * lists (a few hundred characters); a flood of events each with 50 new tags of 255 characters stops here.
     */
    public static final int MAX_DISTINCT_TAG_CHARS = 256 * 1024;

    /** Characters kept of a runner's description (shown only). */
    public static final int MAX_DESCRIPTION_LENGTH = 1024;

    /** A week: GitLab drops a job stuck pending long before that, so a longer wait is a broken event. */
    public static final double MAX_QUEUED_SECONDS = 7 * 24 * 3600;

    /** No GitLab job was created before this. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    /** How far a creation time may lie ahead of this clock (GitLab's clock and ours may differ). */
    public static final Duration AHEAD = Duration.ofDays(1);

    private JobLimits() {}

    /** A job brought inside the limits, and what was changed (empty when nothing). */
    public record Clamped(JobState job, List<String> changed) {

        public Clamped {
            changed = List.copyOf(changed);
        }

        public boolean wasChanged() {
            return !changed.isEmpty();
        }
    }

    /** Whether {@code created} can be a GitLab job's creation time, seen at {@code now}. */
    public static boolean plausibleCreation(Instant created, Instant now) {
        return !created.isBefore(EARLIEST) && !created.isAfter(now.plus(AHEAD));
    }

    /** Whether {@code seconds} can be a job's wait. */
    public static boolean plausibleWait(double seconds) {
        return !Double.isNaN(seconds) && seconds >= 0 && seconds <= MAX_QUEUED_SECONDS;
    }

    /**
     * The job with every field inside the limits: an implausible wait or creation time is dropped (unknown, as when
     * GitLab sends none), tags past the limits are cut, a long description is shortened.
     */
    public static Clamped clamp(JobState job, Instant now) {
        List<String> changed = new ArrayList<>();
        Double queued = job.queuedSeconds();
        if (queued != null && !plausibleWait(queued)) {
            changed.add("queued_duration " + queued);
            queued = null;
        }
        Instant created = job.createdAt();
        if (created != null && !plausibleCreation(created, now)) {
            changed.add("created_at " + created);
            created = null;
        }
        List<String> tags = job.tags();
        if (tags.size() > MAX_TAGS || tags.stream().anyMatch(t -> t.length() > MAX_TAG_LENGTH)) {
            changed.add(tags.size() + " tags");
            tags = tags.stream()
                    .limit(MAX_TAGS)
                    .map(t -> t.length() > MAX_TAG_LENGTH ? t.substring(0, MAX_TAG_LENGTH) : t)
                    .toList();
        }
        String description = job.runnerDescription();
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            changed.add("runner description of " + description.length() + " characters");
            description = description.substring(0, MAX_DESCRIPTION_LENGTH);
        }
        if (changed.isEmpty()) {
            return new Clamped(job, changed);
        }
        return new Clamped(
                new JobState(
                        job.id(),
                        job.status(),
                        tags,
                        job.runnerId(),
                        description,
                        queued,
                        created,
                        job.tagsKnown(),
                        job.ref()),
                changed);
    }
}
