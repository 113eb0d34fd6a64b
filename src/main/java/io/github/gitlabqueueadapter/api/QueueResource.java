package io.github.gitlabqueueadapter.api;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.Answer;
import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.PoolDefinition;
import io.github.gitlabqueueadapter.domain.PoolRunnersRead;
import io.github.gitlabqueueadapter.domain.ProjectFacts;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.QueueFilter;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.QueueKind;
import io.github.gitlabqueueadapter.domain.RunnerMatcher;
import io.github.gitlabqueueadapter.domain.RunnerSettings;
import io.github.gitlabqueueadapter.domain.TakingRunners;
import io.github.gitlabqueueadapter.domain.announcements.ReaderAsked;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.query.PoolRunnersView;
import io.github.gitlabqueueadapter.query.QueueView;
import io.github.gitlabqueueadapter.query.Queues;
import io.github.gitlabqueueadapter.watch.QueueCatalog;
import io.github.gitlabqueueadapter.watch.RunnerLookups;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The queue endpoints. They only read the snapshot store: no request here ever waits on GitLab, so they run on the
 * I/O thread ({@code @NonBlocking}) without a hop to a worker thread.
 */
@Tag(name = "queues", description = "Queue lengths for autoscalers")
@Path("/queues")
@NonBlocking
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

    private final Queues queues;
    private final QueueCatalog catalog;
    private final AdapterConfig config;
    private final QueuePoller poller;
    private final QueueResolver resolver;
    private final Event<ReaderAsked> reads;
    private final RunnerLookups lookups;

    QueueResource(
            Queues queues,
            QueueCatalog catalog,
            AdapterConfig config,
            QueuePoller poller,
            QueueResolver resolver,
            Event<ReaderAsked> reads,
            RunnerLookups lookups) {
        this.lookups = lookups;
        this.queues = queues;
        this.catalog = catalog;
        this.config = config;
        this.poller = poller;
        this.resolver = resolver;
        this.reads = reads;
    }

    /** Every watched project (named ones first, then group members), every pool and every group. */
    @GET
    @Operation(summary = "Every watched project, pool and group, each as its own endpoint answers it")
    public QueueList all() {
        return new QueueList(
                poller.effectiveInterval().toMillis() / 1000.0,
                config.maxStaleness().toMillis() / 1000.0,
                viewsOrErrors(QueueKind.PROJECT),
                viewsOrErrors(QueueKind.POOL),
                viewsOrErrors(QueueKind.GROUP));
    }

    private List<Object> viewsOrErrors(QueueKind kind) {
        return catalog.all(kind).stream()
                .map(key -> queues.answer(key)
                        .<Object>fold(
                                view -> view, reason -> unavailable(key, reason).error()))
                .toList();
    }

    /**
     * One project's queue. {@code project} is a numeric id or a full path, URL-encoded as GitLab does it
     * ({@code group%2Fapp}). {@code tags} and {@code untagged} count only the pending jobs a runner with those tags
     * would take, {@code protected=true} one that takes only protected refs; {@code runner} counts what that runner of
     * GitLab's would be handed, as GitLab describes it; {@code runners} counts only the running jobs on those ids.
     */
    @GET
    @Operation(
            summary = "One project's queue; with tags, untagged, protected, runner or runners, only what such runners"
                    + " would take and run")
    @Path("/projects/{project}")
    @Parameter(
            in = ParameterIn.QUERY,
            name = "tags",
            description = "the runner's tags, comma-separated; empty: a runner with no tags",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(
            in = ParameterIn.QUERY,
            name = "untagged",
            description = "whether the runner takes untagged jobs (true when not given)",
            schema = @Schema(type = SchemaType.BOOLEAN))
    @Parameter(
            in = ParameterIn.QUERY,
            name = "runners",
            description = "runner ids whose running jobs count, comma-separated",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(
            in = ParameterIn.QUERY,
            name = "runner",
            description = "one of GitLab's runners: count what GitLab would hand it (given alone)",
            schema = @Schema(type = SchemaType.INTEGER))
    @Parameter(
            in = ParameterIn.QUERY,
            name = "protected",
            description = "the runner of tags and untagged takes only protected refs",
            schema = @Schema(type = SchemaType.BOOLEAN))
    public QueueView project(
            @PathParam("project") String project, @Context UriInfo uri, @HeaderParam("User-Agent") String userAgent) {
        // read from the query as sent: "tags=" must mean a runner with no tags, not "no filter"
        Map<String, String> query = FilterParams.given(uri.getRequestUri().getRawQuery());
        QueueFilter filter = FilterParams.parse(query);
        Optional<Long> runnerId = RunnerParams.runner(
                FilterParams.listOf(query, "runner"),
                FilterParams.listOf(query, "tags"),
                FilterParams.listOf(query, "untagged"),
                FilterParams.listOf(query, "protected"));
        boolean protectedOnly = RunnerParams.protectedOnly(FilterParams.listOf(query, "protected"));
        ProjectRef watchedProject = resolver.project(project);
        QueueKey key = QueueKey.project(watchedProject.name());
        if (runnerId.isPresent()) {
            PoolRunnersRead read = lookups.runner(runnerId.get(), watchedProject)
                    .orElseThrow(() -> unavailable(
                            key, "runner " + runnerId.get() + " is being read from GitLab; ask again in a moment"));
            QueueFilter byRunner = new QueueFilter(null, filter.runners()).taking(read.taking());
            return read(
                    new ReaderAsked(key, userAgent, true),
                    () -> queues.project(watchedProject, byRunner)
                            .map(view -> view.withRunners(PoolRunnersView.of(read))));
        }
        if (protectedOnly) {
            ProjectFacts facts = lookups.project(watchedProject, true)
                    .orElseThrow(() -> unavailable(
                            key, "whether this project's refs are protected is being read from GitLab; ask again"));
            RunnerMatcher matcher = filter.matcher() != null ? filter.matcher() : new RunnerMatcher(Set.of(), true);
            QueueFilter byProtected = new QueueFilter(null, filter.runners())
                    .taking(new TakingRunners(
                            List.of(RunnerSettings.protectedOnly(matcher, facts.settings())),
                            Map.of(watchedProject, facts)));
            return read(new ReaderAsked(key, userAgent, true), () -> queues.project(watchedProject, byProtected));
        }
        return read(
                new ReaderAsked(key, userAgent, filter.matcher() != null),
                () -> queues.project(watchedProject, filter));
    }

    /** A group's queue: every project of the group and its subgroups, summed. */
    @GET
    @Operation(summary = "A group's queue: its projects and its subgroups' summed")
    @Path("/groups/{group}")
    public QueueView group(@PathParam("group") String group, @HeaderParam("User-Agent") String userAgent) {
        GroupRef watchedGroup = resolver.group(group);
        QueueKey key = QueueKey.of(watchedGroup);
        return read(new ReaderAsked(key, userAgent, false), () -> queues.answer(key));
    }

    /** A runner pool's queue: its projects summed, counting what its runners would take and run. */
    @GET
    @Operation(summary = "A runner pool's queue: what its runners would take and run")
    @Path("/pools/{name}")
    public QueueView pool(@PathParam("name") String name, @HeaderParam("User-Agent") String userAgent) {
        PoolDefinition pool = resolver.pool(name);
        QueueKey key = QueueKey.of(pool);
        return read(new ReaderAsked(key, userAgent, false), () -> queues.answer(key));
    }

    /** The answer, then the read recorded (a 503 is a read too: the autoscaler did ask). */
    private QueueView read(ReaderAsked read, Supplier<Answer<QueueView>> answer) {
        try {
            return answer.get().fold(view -> view, reason -> {
                throw unavailable(read.queue(), reason);
            });
        } finally {
            reads.fire(read);
        }
    }

    private static ApiException unavailable(QueueKey key, String reason) {
        return new ApiException(Response.Status.SERVICE_UNAVAILABLE, "unavailable", reason, key.name());
    }
}
