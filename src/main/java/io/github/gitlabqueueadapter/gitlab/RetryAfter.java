package io.github.gitlabqueueadapter.gitlab;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How long a 429 asks to wait: {@code Retry-After} in seconds or as an HTTP date, else {@code RateLimit-Reset}
 * (unix seconds), else one minute, GitLab's own window. Never less than one second nor more than one hour.
 */
final class RetryAfter {

    static final Duration DEFAULT = Duration.ofMinutes(1);
    static final Duration MAX = Duration.ofHours(1);

    private RetryAfter() {}

    static Duration of(String retryAfter, String rateLimitReset, Instant now) {
        Duration wait = fromRetryAfter(retryAfter, now);
        if (wait == null) {
            wait = fromReset(rateLimitReset, now);
        }
        if (wait == null) {
            wait = DEFAULT;
        }
        if (wait.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }

    private static Duration fromRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.matches("[0-9]{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            return Duration.between(
                    now,
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration fromReset(String value, Instant now) {
        if (value == null || !value.strip().matches("[0-9]{1,12}")) {
            return null;
        }
        return Duration.between(now, Instant.ofEpochSecond(Long.parseLong(value.strip())));
    }
}
