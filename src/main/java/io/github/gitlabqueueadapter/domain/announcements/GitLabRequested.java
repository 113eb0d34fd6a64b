package io.github.gitlabqueueadapter.domain.announcements;

import java.time.Duration;

/**
 * Announced after every HTTP request to GitLab, whatever its outcome, for the metrics.
 *
 * @param outcome {@code success} or a failure's kind code ({@code server_error}, {@code timeout}, ...)
 * @param status the HTTP status, or 0 when no answer came
 */
public record GitLabRequested(String outcome, int status, Duration took) {}
