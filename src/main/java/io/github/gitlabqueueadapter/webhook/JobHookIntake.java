package io.github.gitlabqueueadapter.webhook;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.JobEvent;
import io.github.gitlabqueueadapter.domain.JobEventApplier;
import io.github.gitlabqueueadapter.domain.JobState;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.store.DeliveryLog;
import io.github.gitlabqueueadapter.store.SnapshotWriter;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Takes a well-formed Job Hook from {@link WebhookResource}: finds the watched project it is about, drops a delivery
 * GitLab repeats, and hands the job event to the {@link SnapshotWriter}, which applies it.
 */
@ApplicationScoped
class JobHookIntake {

    private static final DateTimeFormatter GITLAB_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    /** What became of a delivery, as its 202 body and the metrics name it. */
    record Result(String result, String reason) {}

    private final WatchedProjects watched;
    private final SnapshotWriter writer;
    private final SeenEvents seen;
    private final DeliveryLog deliveries;

    JobHookIntake(WatchedProjects watched, SnapshotWriter writer, AdapterConfig config, DeliveryLog deliveries) {
        this.watched = watched;
        this.writer = writer;
        this.seen = new SeenEvents(config.webhook().rememberedEvents());
        this.deliveries = deliveries;
    }

    /** @param uuid GitLab's {@code X-Gitlab-Event-UUID}, or null */
    Result receive(GitLabJobHook hook, String uuid) {
        Optional<ProjectRef> project = project(hook);
        if (project.isEmpty()) {
            return new Result("unwatched", "no queue watches this project");
        }
        if (!seen.firstTime(uuid) || !deliveries.firstTime(uuid)) { // this replica's memory, then every replica's
            return new Result("duplicate", "this delivery was applied before");
        }
        JobEventApplier.Outcome outcome = writer.applyEvent(project.get(), event(hook));
        return new Result(outcome.name().toLowerCase(Locale.ROOT), null);
    }

    private static JobEvent event(GitLabJobHook hook) {
        List<String> tags = hook.tags() == null
                ? null
                : hook.tags().stream()
                        .filter(t -> t != null && !t.isBlank())
                        .map(String::strip)
                        .toList();
        JobState job = new JobState(
                hook.buildId(),
                hook.buildStatus(),
                tags,
                hook.runner() == null ? null : hook.runner().id(),
                hook.runner() == null ? null : hook.runner().description(),
                hook.buildQueuedDuration(),
                instant(hook.buildCreatedAt()),
                tags != null);
        return new JobEvent(job);
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

    private static Instant instant(String value) {
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
