package io.github.gitlabqueueadapter.rest;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.queue.ProjectRef;
import io.github.gitlabqueueadapter.queue.ProjectState;
import io.github.gitlabqueueadapter.queue.QueueQuery;
import io.github.gitlabqueueadapter.queue.QueueView;
import io.github.gitlabqueueadapter.queue.SnapshotStore;
import io.github.gitlabqueueadapter.queue.WatchedProjects;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The queue endpoints. They only read the snapshot store: no request here ever waits on GitLab. */
@Path("/queues")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

    private final SnapshotStore store;
    private final WatchedProjects watched;
    private final Clock clock;
    private final QueueQuery query;
    private final AdapterConfig config;

    QueueResource(SnapshotStore store, WatchedProjects watched, Clock clock, AdapterConfig config) {
        this.store = store;
        this.watched = watched;
        this.clock = clock;
        this.config = config;
        this.query = new QueueQuery(config.maxStaleness());
    }

    /** Every watched project, in the configured order. */
    @GET
    public QueueList all() {
        Instant now = clock.instant();
        List<Object> projects = watched.all().stream().<Object>map(project -> {
            QueueQuery.Answer answer = answer(project, now);
            return answer instanceof QueueQuery.Available available ? available.view() : unavailable(answer).error();
        }).toList();
        return new QueueList(config.pollInterval().toMillis() / 1000.0, config.maxStaleness().toMillis() / 1000.0, projects);
    }

    /**
     * One project's queue. {@code project} is a numeric id or a full path, URL-encoded as GitLab does it
     * ({@code group%2Fapp}).
     */
    @GET
    @Path("/projects/{project}")
    public QueueView project(@PathParam("project") String project) {
        ProjectRef requested;
        try {
            requested = ProjectRef.parse(project);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed project: " + e.getMessage());
        }
        ProjectRef watchedProject = watched.find(requested).orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND,
                "not_found", "this adapter does not watch that project; see adapter.projects", requested.name()));
        QueueQuery.Answer answer = answer(watchedProject, clock.instant());
        if (answer instanceof QueueQuery.Available available) {
            return available.view();
        }
        throw unavailable(answer);
    }

    private QueueQuery.Answer answer(ProjectRef project, Instant now) {
        ProjectState state = store.find(project).orElse(ProjectState.unpolled(project));
        return query.project(state, now);
    }

    private static ApiException unavailable(QueueQuery.Answer answer) {
        String reason = answer instanceof QueueQuery.Unavailable u ? u.reason() : "unavailable";
        return new ApiException(Response.Status.SERVICE_UNAVAILABLE, "unavailable", reason, answer.project().name());
    }
}
