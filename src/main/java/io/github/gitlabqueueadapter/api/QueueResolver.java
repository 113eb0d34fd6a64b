package io.github.gitlabqueueadapter.api;

import io.github.gitlabqueueadapter.domain.GroupRef;
import io.github.gitlabqueueadapter.domain.PoolDefinition;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.domain.QueueKey;
import io.github.gitlabqueueadapter.domain.QueueKind;
import io.github.gitlabqueueadapter.watch.Pools;
import io.github.gitlabqueueadapter.watch.WatchedProjects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;

/** Turns the name in a URL into a watched queue, or the 400 / 404 that says why not. */
@ApplicationScoped
class QueueResolver {

    private final WatchedProjects watched;
    private final Pools pools;

    QueueResolver(WatchedProjects watched, Pools pools) {
        this.watched = watched;
        this.pools = pools;
    }

    ProjectRef project(String raw) {
        ProjectRef requested = parsed("project", raw, ProjectRef::parse);
        return watched.find(requested)
                .orElseThrow(() -> new ApiException(
                        Response.Status.NOT_FOUND,
                        "not_found",
                        "this adapter does not watch that project; see adapter.projects",
                        requested.name()));
    }

    GroupRef group(String raw) {
        GroupRef requested = parsed("group", raw, GroupRef::parse);
        return watched.findGroup(requested)
                .orElseThrow(() -> new ApiException(
                        Response.Status.NOT_FOUND,
                        "not_found",
                        "this adapter does not watch that group; see adapter.groups",
                        null));
    }

    PoolDefinition pool(String name) {
        return pools.find(name)
                .orElseThrow(() -> new ApiException(
                        Response.Status.NOT_FOUND, "not_found", "no such pool; see adapter.pools", null));
    }

    /** {@code kind} is the URL segment: projects, pools or groups. */
    QueueKey key(String kind, String name) {
        QueueKind queueKind = QueueKind.ofSegment(kind)
                .orElseThrow(() -> new ApiException(
                        Response.Status.NOT_FOUND,
                        "not_found",
                        "no such endpoint; queues are projects, pools or groups",
                        null));
        return switch (queueKind) {
            case PROJECT -> QueueKey.project(project(name).name());
            case POOL -> QueueKey.pool(pool(name).name());
            case GROUP -> QueueKey.group(group(name).name());
        };
    }

    /** A path parameter parsed, or a 400 that says what is wrong with it. */
    private static <T> T parsed(String what, String raw, Function<String, T> parse) {
        try {
            return parse.apply(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed " + what + ": " + e.getMessage());
        }
    }
}
