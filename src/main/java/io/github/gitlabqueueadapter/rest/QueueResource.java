package io.github.gitlabqueueadapter.rest;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.queue.GroupRef;
import io.github.gitlabqueueadapter.queue.PoolDefinition;
import io.github.gitlabqueueadapter.queue.Pools;
import io.github.gitlabqueueadapter.queue.ProjectRef;
import io.github.gitlabqueueadapter.queue.QueueFilter;
import io.github.gitlabqueueadapter.queue.QueueQuery;
import io.github.gitlabqueueadapter.queue.QueueView;
import io.github.gitlabqueueadapter.queue.Queues;
import io.github.gitlabqueueadapter.queue.WatchedProjects;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The queue endpoints. They only read the snapshot store: no request here ever waits on GitLab. */
@Path("/queues")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

    private final Queues queues;
    private final WatchedProjects watched;
    private final Pools pools;
    private final AdapterConfig config;

    private final QueuePoller poller;

    QueueResource(Queues queues, WatchedProjects watched, Pools pools, AdapterConfig config, QueuePoller poller) {
        this.poller = poller;
        this.queues = queues;
        this.watched = watched;
        this.pools = pools;
        this.config = config;
    }

    /** Every watched project (named ones first, then group members), every pool and every group. */
    @GET
    public QueueList all() {
        List<Object> projects = watched.all().stream().map(p -> viewOrError(queues.project(p, QueueFilter.ALL))).toList();
        List<Object> poolViews = pools.all().stream().map(pool -> viewOrError(queues.pool(pool))).toList();
        List<Object> groupViews = watched.groups().stream().map(group -> viewOrError(queues.group(group))).toList();
        return new QueueList(poller.effectiveInterval().toMillis() / 1000.0, config.maxStaleness().toMillis() / 1000.0,
                projects, poolViews, groupViews);
    }

    /**
     * One project's queue. {@code project} is a numeric id or a full path, URL-encoded as GitLab does it
     * ({@code group%2Fapp}). {@code tags} and {@code untagged} count only the pending jobs a runner with those tags
     * would take; {@code runners} counts only the running jobs on those runner ids.
     */
    @GET
    @Path("/projects/{project}")
    public QueueView project(@PathParam("project") String project, @QueryParam("tags") List<String> tags,
            @QueryParam("untagged") List<String> untagged, @QueryParam("runners") List<String> runners) {
        QueueFilter filter = FilterParams.parse(tags, untagged, runners);
        ProjectRef requested = parsed("project", project, ProjectRef::parse);
        ProjectRef watchedProject = watched.find(requested).orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND,
                "not_found", "this adapter does not watch that project; see adapter.projects", requested.name()));
        return viewOrThrow(queues.project(watchedProject, filter));
    }

    /** A group's queue: every project of the group and its subgroups, summed. */
    @GET
    @Path("/groups/{group}")
    public QueueView group(@PathParam("group") String group) {
        GroupRef requested = parsed("group", group, GroupRef::parse);
        GroupRef watchedGroup = watched.findGroup(requested).orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND,
                "not_found", "this adapter does not watch that group; see adapter.groups", null));
        return viewOrThrow(queues.group(watchedGroup));
    }

    /** A runner pool's queue: its projects summed, counting what its runners would take and run. */
    @GET
    @Path("/pools/{name}")
    public QueueView pool(@PathParam("name") String name) {
        PoolDefinition pool = pools.find(name).orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND,
                "not_found", "no such pool; see adapter.pools", null));
        return viewOrThrow(queues.pool(pool));
    }

    /** A path parameter parsed, or a 400 that says what is wrong with it. */
    private static <T> T parsed(String what, String raw, java.util.function.Function<String, T> parse) {
        try {
            return parse.apply(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed " + what + ": " + e.getMessage());
        }
    }

    private static QueueView viewOrThrow(QueueQuery.Answer answer) {
        if (answer instanceof QueueQuery.Available available) {
            return available.view();
        }
        throw unavailable(answer);
    }

    private static Object viewOrError(QueueQuery.Answer answer) {
        return answer instanceof QueueQuery.Available available ? available.view() : unavailable(answer).error();
    }

    private static ApiException unavailable(QueueQuery.Answer answer) {
        String reason = answer instanceof QueueQuery.Unavailable u ? u.reason() : "unavailable";
        return new ApiException(Response.Status.SERVICE_UNAVAILABLE, "unavailable", reason, answer.name());
    }
}
