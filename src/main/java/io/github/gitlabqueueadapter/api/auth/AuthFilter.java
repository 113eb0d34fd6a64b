package io.github.gitlabqueueadapter.api.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gitlabqueueadapter.api.ApiError;
import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.AuthConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Checks the reader's credential before any route runs, on the Vert.x router so that it covers every endpoint,
 * {@code /q/*} included when configured: an API key or Basic, or a client certificate the TLS handshake verified
 * ({@link ClientCertificates}). With no credential configured and no certificate required it installs nothing.
 */
@ApplicationScoped
public class AuthFilter {

    /** Runs before Quarkus's own routes (REST, health, metrics). */
    static final int ORDER = -1000;

    private final Credentials credentials;
    private final ProtectedPaths paths;
    private final AuthConfig config;
    private final ClientCertificates certificates;
    private final String rejection;
    private final Iterable<String> challenges;

    AuthFilter(AdapterConfig adapter, ObjectMapper mapper, ClientCertificates certificates)
            throws JsonProcessingException {
        this.config = adapter.auth();
        this.credentials = new Credentials(config);
        this.paths = new ProtectedPaths(config.protectManagement());
        this.certificates = certificates;
        String certificate = "a client certificate from the CA this adapter trusts";
        String message = certificates.required()
                ? "a credential is required: " + certificate
                : "a credential is required: an API key in the " + config.headerName() + " header, in the "
                        + config.queryParam() + " query parameter, or as Authorization: Bearer"
                        + (credentials.basicEnabled() ? "; or Authorization: Basic" : "")
                        + (certificates.counted() ? "; or " + certificate : "");
        this.rejection = mapper.writeValueAsString(new ApiError(401, "unauthorized", message, null));
        this.challenges = credentials.basicEnabled()
                ? List.of("Bearer realm=\"gitlab-queue-adapter\"", "Basic realm=\"gitlab-queue-adapter\"")
                : List.of("Bearer realm=\"gitlab-queue-adapter\"");
    }

    void install(@Observes Router router) {
        if (credentials.required() || certificates.required()) {
            router.route().order(ORDER).handler(this::check);
        }
    }

    private void check(RoutingContext context) {
        if (!paths.requiresCredential(context.normalizedPath())) {
            context.next();
            return;
        }
        boolean certificate = certificates.presentedBy(context.request());
        if (certificate || !certificates.required() && acceptsCredential(context)) {
            context.next();
            return;
        }
        context.response()
                .setStatusCode(401)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader("WWW-Authenticate", challenges)
                .end(rejection);
    }

    /** Whether the request carries an API key (header, query, Bearer) or Basic credentials that match. */
    private boolean acceptsCredential(RoutingContext context) {
        String queryKey;
        try {
            List<String> values = context.queryParam(config.queryParam());
            queryKey = values.isEmpty() ? null : values.get(0);
        } catch (RuntimeException malformedQuery) {
            queryKey = null;
        }
        Credentials.Presented presented = new Credentials.Presented(
                context.request().getHeader(config.headerName()),
                queryKey,
                context.request().getHeader(HttpHeaders.AUTHORIZATION));
        return credentials.accepts(presented);
    }
}
