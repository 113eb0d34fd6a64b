package io.github.gitlabqueueadapter.api;

import jakarta.ws.rs.core.Response;

/** An answer other than 200, raised by a resource and written as an {@link ApiError} by {@link ErrorMappers}. */
public class ApiException extends RuntimeException {

    private final ApiError error;

    public ApiException(Response.Status status, String code, String message, String project) {
        super(message, null, false, false);
        this.error = new ApiError(status.getStatusCode(), code, message, project);
    }

    public ApiError error() {
        return error;
    }

    static ApiException badRequest(String message) {
        return new ApiException(Response.Status.BAD_REQUEST, "bad_request", message, null);
    }
}
