package io.github.gitlabqueueadapter.domain;

import java.time.Instant;

/**
 * Why the last poll of a project failed.
 *
 * @param reason a stable short code ({@code unauthorized}, {@code timeout}, {@code server_error}, ...)
 * @param message a sentence for a person; never holds a secret
 */
public record PollFailure(String reason, String message, Instant at) {}
