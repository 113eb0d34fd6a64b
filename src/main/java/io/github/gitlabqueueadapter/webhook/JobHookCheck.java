package io.github.gitlabqueueadapter.webhook;

import io.github.gitlabqueueadapter.domain.JobLimits;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The ranges a Job Hook's fields must lie in before anything is computed or kept from them: GitLab's own (positive
 * ids of its bigint type, 50 tags of 255 characters, a UUID as the delivery id) and plausible times and waits. A
 * field outside them is a 400 naming it, never a wrong number later.
 */
final class JobHookCheck {

    /** Characters of {@code X-Gitlab-Event-UUID} kept at most: GitLab sends a UUID (36). */
    static final int MAX_DELIVERY_ID_LENGTH = 64;

    /** Characters of {@code build_status}: GitLab's longest is {@code waiting_for_resource}. */
    static final int MAX_STATUS_LENGTH = 64;

    private static final DateTimeFormatter GITLAB_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private JobHookCheck() {}

    /** What is out of range in the delivery, as a message naming the field; null when all is in range. */
    static String problem(GitLabJobHook hook, String deliveryId, Instant now) {
        if (deliveryId != null && deliveryId.length() > MAX_DELIVERY_ID_LENGTH) {
            return "X-Gitlab-Event-UUID must be at most " + MAX_DELIVERY_ID_LENGTH
                    + " characters (GitLab sends a UUID)";
        }
        if (hook.buildId() < 1) {
            return "build_id must be a positive whole number";
        }
        if (hook.buildStatus().length() > MAX_STATUS_LENGTH) {
            return "build_status must be one of GitLab's job statuses";
        }
        if (hook.projectId() != null && hook.projectId() < 1
                || hook.project() != null
                        && hook.project().id() != null
                        && hook.project().id() < 1) {
            return "project_id must be a positive whole number";
        }
        if (hook.runner() != null && hook.runner().id() != null && hook.runner().id() < 1) {
            return "runner.id must be a positive whole number";
        }
        Double queued = hook.buildQueuedDuration();
        if (queued != null && !JobLimits.plausibleWait(queued)) {
            return "build_queued_duration must be 0 to " + (long) JobLimits.MAX_QUEUED_SECONDS + " seconds";
        }
        if (hook.buildCreatedAt() != null) {
            Instant created = createdAt(hook.buildCreatedAt());
            if (created == null || !JobLimits.plausibleCreation(created, now)) {
                return "build_created_at must be a time from " + JobLimits.EARLIEST + " to a day from now, as"
                        + " GitLab writes it (2021-02-23 02:41:37 UTC or ISO 8601)";
            }
        }
        return tagsProblem(hook.tags());
    }

    private static String tagsProblem(List<String> tags) {
        if (tags == null) {
            return null;
        }
        if (tags.size() > JobLimits.MAX_TAGS) {
            return "tags: a job has at most " + JobLimits.MAX_TAGS + " tags";
        }
        for (String tag : tags) {
            if (tag != null && tag.length() > JobLimits.MAX_TAG_LENGTH) {
                return "tags: a tag has at most " + JobLimits.MAX_TAG_LENGTH + " characters";
            }
        }
        return null;
    }

    /** {@code build_created_at} as GitLab writes it ({@code 2021-02-23 02:41:37 UTC}) or ISO 8601; null if neither. */
    static Instant createdAt(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value, GITLAB_UTC).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
