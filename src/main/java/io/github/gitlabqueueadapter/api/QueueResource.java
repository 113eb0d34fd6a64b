package io.github.gitlabqueueadapter.api;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.PoolDefinition;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.QueueFilter;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.insight.Insight;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.query.QueueQuery;
import io.github.gitlabqueueadapter.query.QueueView;
import io.github.gitlabqueueadapter.query.Queues;
import io.github.gitlabqueueadapter.watch.Pools;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Supplier;

/**
 * The queue endpoints. They only read the snapshot store: no request here ever waits on GitLab, so they run on the
 * I/O thread ({@code @NonBlocking}) without a hop to a worker thread.
 */
@Path("/queues")
@NonBlocking
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

    private final Queues queues;
    private final WatchedProjects watched;
    private final Pools pools;
    private final AdapterConfig config;

    private final QueuePoller poller;
    private final QueueResolver resolver;
    private final Insight insight;

    QueueResource(
            Queues queues,
            WatchedProjects watched,
            Pools pools,
            AdapterConfig config,
            QueuePoller poller,
            QueueResolver resolver,
            Insight insight) {
        this.poller = poller;
        this.resolver = resolver;
        this.insight = insight;
        this.queues = queues;
        this.watched = watched;
        this.pools = pools;
        this.config = config;
    }

    /** Every watched project (named ones first, then group members), every pool and every group. */
    @GET
    public QueueList all() {
        List<Object> projects = watched.all().stream()
                .map(p -> viewOrError(queues.project(p, QueueFilter.ALL)))
                .toList();
        List<Object> poolViews =
                pools.all().stream().map(pool -> viewOrError(queues.pool(pool))).toList();
        List<Object> groupViews = watched.groups().stream()
                .map(group -> viewOrError(queues.group(group)))
                .toList();
        return new QueueList(
                poller.effectiveInterval().toMillis() / 1000.0,
                config.maxStaleness().toMillis() / 1000.0,
                projects,
                poolViews,
                groupViews);
    }

    /**
     * One project's queue. {@code project} is a numeric id or a full path, URL-encoded as GitLab does it
     * ({@code group%2Fapp}). {@code tags} and {@code untagged} count only the pending jobs a runner with those tags
     * would take; {@code runners} counts only the running jobs on those runner ids.
     */
    @GET
    @Path("/projects/{project}")
    public QueueView project(
            @PathParam("project") String project,
            @QueryParam("tags") List<String> tags,
            @QueryParam("untagged") List<String> untagged,
            @QueryParam("runners") List<String> runners,
            @HeaderParam("User-Agent") String userAgent) {
        QueueFilter filter = FilterParams.parse(tags, untagged, runners);
        ProjectRef watchedProject = resolver.project(project);
        return read(QueueKey.project(watchedProject.name()), userAgent, () -> queues.project(watchedProject, filter));
    }

    /** A group's queue: every project of the group and its subgroups, summed. */
    @GET
    @Path("/groups/{group}")
    public QueueView group(@PathParam("group") String group, @HeaderParam("User-Agent") String userAgent) {
        GroupRef watchedGroup = resolver.group(group);
        return read(QueueKey.group(watchedGroup.name()), userAgent, () -> queues.group(watchedGroup));
    }

    /** A runner pool's queue: its projects summed, counting what its runners would take and run. */
    @GET
    @Path("/pools/{name}")
    public QueueView pool(@PathParam("name") String name, @HeaderParam("User-Agent") String userAgent) {
        PoolDefinition pool = resolver.pool(name);
        return read(QueueKey.pool(pool.name()), userAgent, () -> queues.pool(pool));
    }

    /** The answer, then the read recorded (a 503 is a read too: the autoscaler did ask). */
    private QueueView read(QueueKey key, String userAgent, Supplier<QueueQuery.Answer> answer) {
        try {
            return viewOrThrow(answer.get());
        } finally {
            insight.read(key, userAgent);
        }
    }

    private static QueueView viewOrThrow(QueueQuery.Answer answer) {
        if (answer instanceof QueueQuery.Available available) {
            return available.view();
        }
        throw unavailable(answer);
    }

    private static Object viewOrError(QueueQuery.Answer answer) {
        return answer instanceof QueueQuery.Available available
                ? available.view()
                : unavailable(answer).error();
    }

    private static ApiException unavailable(QueueQuery.Answer answer) {
        String reason = answer instanceof QueueQuery.Unavailable u ? u.reason() : "unavailable";
        return new ApiException(Response.Status.SERVICE_UNAVAILABLE, "unavailable", reason, answer.name());
    }
}
