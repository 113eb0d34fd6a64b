package io.github.gitlabqueueadapter.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into a JSON {@link ApiError} with the right status; no stack trace ever reaches a reader. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return json(e.error());
    }

    /** Framework errors: unknown path (404), wrong method (405), unsupported media type, and the like. */
    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        String code = reason == null ? "error" : reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "_");
        String message = switch (status) {
            case 404 -> "no such endpoint; see GET /queues";
            case 405 -> "method not allowed; the queue endpoints answer GET";
            default -> reason == null ? "request refused" : reason;
        };
        return json(new ApiError(family == Response.Status.Family.CLIENT_ERROR ? status : 400, code, message, null));
    }

    /** Anything else is our bug: logged with its trace for us, answered without it for the reader. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected error while answering a request", e);
        return json(new ApiError(500, "internal_error", "unexpected error; see the adapter's log", null));
    }

    static Response json(ApiError error) {
        return Response.status(error.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(error)
                .build();
    }
}
