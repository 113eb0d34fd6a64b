package io.github.gitlabqueueadapter.webhook;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.JobEvent;
import io.github.gitlabqueueadapter.domain.JobEventApplier;
import io.github.gitlabqueueadapter.domain.JobLimits;
import io.github.gitlabqueueadapter.domain.JobState;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.store.DeliveryLog;
import io.github.gitlabqueueadapter.store.SnapshotWriter;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Takes a well-formed Job Hook from {@link WebhookResource}: finds the watched project it is about, drops a delivery
 * GitLab repeats, and hands the job event to the {@link SnapshotWriter}, which applies it.
 */
@ApplicationScoped
class JobHookIntake {

    /** What became of a delivery, as its 202 body and the metrics name it. */
    record Result(String result, String reason) {}

    private final WatchedProjects watched;
    private final SnapshotWriter writer;
    private final SeenEvents seen;
    private final DeliveryLog deliveries;
    private final Clock clock;

    JobHookIntake(
            WatchedProjects watched, SnapshotWriter writer, AdapterConfig config, DeliveryLog deliveries, Clock clock) {
        this.clock = clock;
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
        if (!seen.firstTime(uuid)) { // this replica's memory
            return new Result("duplicate", "this delivery was applied before");
        }
        // every replica's memory, asked while the event is applied: a repeat applied twice changes nothing (events
        // only move a job forward), so the answer is needed only to say "duplicate" rather than "outdated"
        BooleanSupplier first = deliveries.offer(uuid);
        JobEventApplier.Outcome outcome = writer.applyEvent(project.get(), event(hook, clock.instant()));
        if (outcome != JobEventApplier.Outcome.APPLIED && !first.getAsBoolean()) {
            return new Result("duplicate", "this delivery was applied before");
        }
        return new Result(outcome.name().toLowerCase(Locale.ROOT), reason(outcome, hook.buildId()));
    }

    private static String reason(JobEventApplier.Outcome outcome, long jobId) {
        return switch (outcome) {
            case CHECKING ->
                "job " + jobId + " may have finished long ago (its finish is no longer remembered):"
                        + " not counted; the project is read from GitLab now";
            case CAPPED -> "the project already holds as many jobs as adapter.max-pages reads: the count is capped";
            default -> null;
        };
    }

    private static JobEvent event(GitLabJobHook hook, Instant now) {
        List<String> tags = hook.tags() == null
                ? null
                : hook.tags().stream()
                        .filter(t -> t != null && !t.isBlank())
                        .map(String::strip)
                        .toList();
        JobState job = JobLimits.clamp(
                        new JobState(
                                hook.buildId(),
                                hook.buildStatus(),
                                tags,
                                hook.runner() == null ? null : hook.runner().id(),
                                hook.runner() == null ? null : hook.runner().description(),
                                hook.buildQueuedDuration(),
                                JobHookCheck.createdAt(hook.buildCreatedAt()),
                                tags != null),
                        now)
                .job(); // the door checked the rest: this shortens a long description
        return new JobEvent(job);
    }

    /**
     * The watched project the event is about: by GitLab's id, the one identity of a project, else by path (an id not
     * learned yet). An event that names both teaches the adapter that the path is that id.
     */
    private Optional<ProjectRef> project(GitLabJobHook hook) {
        Long id = hook.projectId() != null
                ? hook.projectId()
                : hook.project() == null ? null : hook.project().id();
        Optional<ProjectRef> byId =
                id == null || id < 1 ? Optional.empty() : watched.find(ProjectRef.parse(String.valueOf(id)));
        if (byId.isPresent() || hook.project() == null || hook.project().pathWithNamespace() == null) {
            return byId;
        }
        ProjectRef path;
        try {
            path = ProjectRef.parse(hook.project().pathWithNamespace());
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a path anyone could watch
        }
        if (id != null && id >= 1 && watched.learn(path, id)) {
            writer.retain(watched::isWatched); // the path and a watched id are one project: one state
        }
        return watched.find(path);
    }
}
