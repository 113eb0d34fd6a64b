package io.github.gitlabqueueadapter.webhook;

import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.github.gitlabqueueadapter.api.ApiError;
import io.github.gitlabqueueadapter.api.ApiException;
import io.github.gitlabqueueadapter.api.auth.SecretDigest;
import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.BoundedBody;
import io.github.gitlabqueueadapter.domain.announcements.JobHookDelivered;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /webhooks/gitlab}: GitLab's job events, from project or group webhooks, move the queue at once. HTTP
 * only: the secret, the size and the JSON are checked here, the event goes to {@link JobHookIntake}. Each accepted
 * delivery answers 202 with what it did; the poll stays the source of truth and corrects a lost event.
 */
@Tag(name = "webhook", description = "GitLab job events")
@Path(WebhookResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    static final String PATH = "/webhooks/gitlab";

    private final Optional<SecretDigest> secret;
    private final long maxBytes;
    private final ObjectReader reader;
    private final JobHookIntake intake;
    private final Event<JobHookDelivered> delivered;
    private final Clock clock;

    WebhookResource(
            AdapterConfig config,
            ObjectMapper mapper,
            JobHookIntake intake,
            Event<JobHookDelivered> delivered,
            Clock clock) {
        this.clock = clock;
        this.secret = config.webhook()
                .secret()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(SecretDigest::of);
        this.maxBytes = config.webhook().maxBodySize().asLongValue();
        // 1.5 is not an id: Jackson would otherwise read it as 1
        this.reader = mapper.readerFor(GitLabJobHook.class).without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        this.intake = intake;
        this.delivered = delivered;
    }

    @POST
    @Operation(summary = "A GitLab Job Hook; X-Gitlab-Token must be adapter.webhook.secret")
    @APIResponse(responseCode = "202", description = "taken: what became of it, as {\"result\": \"applied\"}")
    @APIResponse(
            responseCode = "401",
            description = "X-Gitlab-Token does not match",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(
            responseCode = "413",
            description = "larger than adapter.webhook.max-body-size",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(
            responseCode = "400",
            description = "not a JSON job event, or a field out of GitLab's range (the message names it)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(
            responseCode = "404",
            description = "webhooks are off (no adapter.webhook.secret)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response receive(
            @HeaderParam("X-Gitlab-Token") String token,
            @HeaderParam("X-Gitlab-Event") String kind,
            @HeaderParam("X-Gitlab-Event-UUID") String uuid,
            @HeaderParam("Content-Length") Long length,
            InputStream body) {
        if (secret.isEmpty()) {
            throw rejected(
                    Response.Status.NOT_FOUND, "not_found", "webhooks are off; set adapter.webhook.secret", "off");
        }
        if (!secret.get().matches(token)) {
            throw rejected(
                    Response.Status.UNAUTHORIZED,
                    "unauthorized",
                    "X-Gitlab-Token does not match adapter.webhook.secret",
                    "unauthorized");
        }
        if (length != null && length > maxBytes) {
            throw tooLarge();
        }
        GitLabJobHook hook = parse(readAtMost(body));
        if (!"Job Hook".equals(kind) || !"build".equals(hook.objectKind())) {
            return accepted("ignored", "not a job event");
        }
        if (hook.buildId() == null || hook.buildStatus() == null) {
            throw rejected(
                    Response.Status.BAD_REQUEST,
                    "bad_request",
                    "a job event needs build_id and build_status",
                    "malformed");
        }
        String outOfRange = JobHookCheck.problem(hook, uuid, clock.instant());
        if (outOfRange != null) {
            throw rejected(Response.Status.BAD_REQUEST, "bad_request", outOfRange, "malformed");
        }
        JobHookIntake.Result result = intake.receive(hook, uuid);
        return accepted(result.result(), result.reason());
    }

    private byte[] readAtMost(InputStream body) {
        try {
            return BoundedBody.read(body, maxBytes, this::tooLarge);
        } catch (IOException e) {
            throw rejected(Response.Status.BAD_REQUEST, "bad_request", "the body could not be read", "malformed");
        }
    }

    private GitLabJobHook parse(byte[] body) {
        try {
            GitLabJobHook hook = reader.readValue(body);
            if (hook == null) {
                throw new IOException("null");
            }
            return hook;
        } catch (IOException e) {
            throw rejected(Response.Status.BAD_REQUEST, "bad_request", notRead(e), "malformed");
        }
    }

    /** Why a body could not be read as an event, for its 400: without the body's content. */
    private static String notRead(IOException e) {
        String field =
                e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                        ? mapping.getPath().stream()
                                .map(r -> r.getFieldName() == null ? String.valueOf(r.getIndex()) : r.getFieldName())
                                .collect(java.util.stream.Collectors.joining("."))
                        : null;
        String named = field == null ? "a field of the event" : field;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InputCoercionException) {
                return named + " is out of range (GitLab's ids are whole numbers up to " + Long.MAX_VALUE + ")";
            }
            if (cause instanceof MismatchedInputException) {
                return named + " has the wrong type (ids are whole numbers)";
            }
        }
        return "the body is not a JSON object";
    }

    private Response accepted(String result, String reason) {
        delivered.fire(new JobHookDelivered(result));
        return Response.accepted(reason == null ? Map.of("result", result) : Map.of("result", result, "reason", reason))
                .build();
    }

    private ApiException tooLarge() {
        return rejected(
                Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "too_large",
                "the event is larger than adapter.webhook.max-body-size (" + maxBytes + " bytes)",
                "too_large");
    }

    private ApiException rejected(Response.Status status, String code, String message, String result) {
        delivered.fire(new JobHookDelivered(result));
        return new ApiException(status, code, message, null);
    }
}
