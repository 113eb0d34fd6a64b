package io.github.gitlabqueueadapter.gitlab;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** GitLab's REST API as far as the adapter uses it. Package-private: {@link GitLabClient} is the only caller. */
@Path("/api/v4")
interface GitLabApi {

    /**
     * One page of a project's jobs by offset, newest first. A {@link Response} lets the caller stream the body and stop
     * at a size limit, and see a redirect instead of following it (the token must not go to another host).
     *
     * @param project a numeric id or a full path; the client encodes it once (a path's '/' becomes %2F)
     */
    @GET
    @Path("/projects/{project}/jobs")
    @Produces(MediaType.APPLICATION_JSON)
    Response jobs(
            @PathParam("project") String project,
            @QueryParam("scope[]") List<String> scopes,
            @QueryParam("per_page") int perPage,
            @QueryParam("page") int page,
            @HeaderParam("PRIVATE-TOKEN") String token);

    /**
     * One page of a project's jobs by keyset (GitLab 15.9+), as {@link #jobs} otherwise: the page after
     * {@code cursor}, the one GitLab named in its {@code Link: <...>; rel="next"} header (null, left out of the query:
     * the first page).
     */
    @GET
    @Path("/projects/{project}/jobs")
    @Produces(MediaType.APPLICATION_JSON)
    Response jobsByKeyset(
            @PathParam("project") String project,
            @QueryParam("scope[]") List<String> scopes,
            @QueryParam("per_page") int perPage,
            @QueryParam("pagination") String pagination,
            @QueryParam("order_by") String orderBy,
            @QueryParam("sort") String sort,
            @QueryParam("cursor") String cursor,
            @HeaderParam("PRIVATE-TOKEN") String token);

    /** One page of a group's projects, its subgroups' included, archived and shared ones left out. */
    @GET
    @Path("/groups/{group}/projects")
    @Produces(MediaType.APPLICATION_JSON)
    Response groupProjects(
            @PathParam("group") String group,
            @QueryParam("include_subgroups") boolean includeSubgroups,
            @QueryParam("with_shared") boolean withShared,
            @QueryParam("archived") boolean archived,
            @QueryParam("simple") boolean simple,
            @QueryParam("per_page") int perPage,
            @QueryParam("page") int page,
            @HeaderParam("PRIVATE-TOKEN") String token);

    /** One runner: its tags, flags, type, and the projects or groups it belongs to ({@code RunnerDetails}). */
    @GET
    @Path("/runners/{runner}")
    @Produces(MediaType.APPLICATION_JSON)
    Response runner(@PathParam("runner") long runner, @HeaderParam("PRIVATE-TOKEN") String token);

    /** One project, with the settings that decide which runners take its jobs. */
    @GET
    @Path("/projects/{project}")
    @Produces(MediaType.APPLICATION_JSON)
    Response project(@PathParam("project") String project, @HeaderParam("PRIVATE-TOKEN") String token);

    /** One branch, with GitLab's {@code protected} (ProtectedBranch.protected?, wildcards and all). */
    @GET
    @Path("/projects/{project}/repository/branches/{branch}")
    @Produces(MediaType.APPLICATION_JSON)
    Response branch(
            @PathParam("project") String project,
            @PathParam("branch") String branch,
            @HeaderParam("PRIVATE-TOKEN") String token);

    /** One git tag, with GitLab's {@code protected} (ProtectedTag.protected?). */
    @GET
    @Path("/projects/{project}/repository/tags/{tag}")
    @Produces(MediaType.APPLICATION_JSON)
    Response tag(
            @PathParam("project") String project,
            @PathParam("tag") String tag,
            @HeaderParam("PRIVATE-TOKEN") String token);

    /**
     * Every 4xx or 5xx answer becomes a {@link GitLabException} carrying the status, for a 429 the wait asked, and for
     * GitLab's "Keyset pagination is not yet available" the sign to ask by offset.
     */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        if (response.getStatus() == 429) {
            return GitLabException.tooManyRequests(
                    response.getHeaderString("Retry-After"), response.getHeaderString("RateLimit-Reset"));
        }
        if (KeysetRefusal.isIn(response)) {
            return GitLabException.keysetUnavailable(response.getStatus());
        }
        return GitLabException.forStatus(response.getStatus());
    }
}
