package io.github.gitlabqueueadapter.gitlab;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** GitLab's GraphQL endpoint, {@code POST /api/graphql}. Package-private: {@link CompatibleJobs} is the only caller. */
@Path("/api")
interface GitLabGraphQlApi {

    /**
     * One GraphQL request. GitLab answers 200 even when the query fails, with an {@code errors} array; the token goes
     * as {@code PRIVATE-TOKEN}, which GitLab's GraphQL takes as its REST API does.
     */
    @POST
    @Path("/graphql")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response query(GraphQlRequest request, @HeaderParam("PRIVATE-TOKEN") String token);

    /** A 4xx or 5xx becomes a {@link GitLabException} as for the REST API. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return GitLabApi.toException(response);
    }
}
