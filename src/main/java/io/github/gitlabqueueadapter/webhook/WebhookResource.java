package io.github.gitlabqueueadapter.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gitlabqueueadapter.api.ApiException;
import io.github.gitlabqueueadapter.api.auth.SecretDigest;
import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.JobEvent;
import io.github.gitlabqueueadapter.domain.JobEventApplier;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.insight.InsightRecorder;
import io.github.gitlabqueueadapter.io.BoundedBody;
import io.github.gitlabqueueadapter.ops.GitLabMetrics;
import io.github.gitlabqueueadapter.store.SnapshotStore;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code POST /webhooks/gitlab}: GitLab's job events, from project or group webhooks, move the queue at once. Each
 * accepted delivery answers 202 with what it did; the poll stays the source of truth and corrects a lost event.
 */
@Path(WebhookResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    static final String PATH = "/webhooks/gitlab";
    private static final DateTimeFormatter GITLAB_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private final Optional<SecretDigest> secret;
    private final long maxBytes;
    private final SeenEvents seen;
    private final WatchedProjects watched;
    private final SnapshotStore store;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final GitLabMetrics metrics;
    private final InsightRecorder insight;

    WebhookResource(
            AdapterConfig config,
            WatchedProjects watched,
            SnapshotStore store,
            ObjectMapper mapper,
            Clock clock,
            GitLabMetrics metrics,
            InsightRecorder insight) {
        this.insight = insight;
        this.secret = config.webhook()
                .secret()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(SecretDigest::of);
        this.maxBytes = config.webhook().maxBodySize().asLongValue();
        this.seen = new SeenEvents(config.webhook().rememberedEvents());
        this.watched = watched;
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
        this.metrics = metrics;
    }

    @POST
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
        Optional<ProjectRef> project = project(hook);
        if (project.isEmpty()) {
            return accepted("unwatched", "no queue watches this project");
        }
        if (!seen.firstTime(uuid)) {
            return accepted("duplicate", "this delivery was applied before");
        }
        Instant now = clock.instant();
        List<String> tags = hook.tags() == null
                ? null
                : hook.tags().stream()
                        .filter(t -> t != null && !t.isBlank())
                        .map(String::strip)
                        .toList();
        JobEvent event = new JobEvent(
                hook.buildId(),
                hook.buildStatus(),
                tags,
                hook.runner() == null ? null : hook.runner().id(),
                hook.runner() == null ? null : hook.runner().description(),
                hook.buildQueuedDuration(),
                instant(hook.buildCreatedAt()));
        AtomicReference<JobEventApplier.Outcome> outcome =
                new AtomicReference<>(JobEventApplier.Outcome.NOT_POLLED_YET);
        store.updateIfPresent(project.get(), state -> {
            JobEventApplier.Result result = JobEventApplier.apply(state, event, now);
            outcome.set(result.outcome());
            return result.state();
        });
        if (outcome.get() == JobEventApplier.Outcome.APPLIED) {
            insight.changed(project.get());
        }
        return accepted(outcome.get().name().toLowerCase(), null);
    }

    /** The watched project the event is about: by path when GitLab sends one, else by id. */
    private Optional<ProjectRef> project(GitLabJobHook hook) {
        if (hook.project() != null && hook.project().pathWithNamespace() != null) {
            try {
                Optional<ProjectRef> byPath =
                        watched.find(ProjectRef.parse(hook.project().pathWithNamespace()));
                if (byPath.isPresent()) {
                    return byPath;
                }
            } catch (IllegalArgumentException ignored) {
                // not a path we could watch: try the id
            }
        }
        Long id = hook.projectId() != null
                ? hook.projectId()
                : hook.project() == null ? null : hook.project().id();
        return id == null || id < 1 ? Optional.empty() : watched.find(ProjectRef.parse(String.valueOf(id)));
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
            GitLabJobHook hook = mapper.readValue(body, GitLabJobHook.class);
            if (hook == null) {
                throw new IOException("null");
            }
            return hook;
        } catch (IOException e) {
            throw rejected(Response.Status.BAD_REQUEST, "bad_request", "the body is not a JSON object", "malformed");
        }
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(value, GITLAB_UTC).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private Response accepted(String result, String reason) {
        metrics.webhookEvent(result);
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
        metrics.webhookEvent(result);
        return new ApiException(status, code, message, null);
    }
}
