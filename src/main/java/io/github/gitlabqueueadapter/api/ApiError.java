package io.github.gitlabqueueadapter.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Every error answer's body: {@code {"status": 404, "error": "not_found", "message": "..."}}.
 *
 * @param error a stable code to match on
 * @param message a sentence for the person reading it
 * @param project the project asked for, when there was one
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String error, String message, String project) {}
