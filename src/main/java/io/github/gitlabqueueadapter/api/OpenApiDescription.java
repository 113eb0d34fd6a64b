package io.github.gitlabqueueadapter.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What {@code /q/openapi} adds to the scanned endpoints, at start because it follows the configuration: the ways a
 * reader may present a credential (the header and query names as configured, Bearer, and Basic when it is set), and
 * the JSON error every endpoint may answer with.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class OpenApiDescription implements OASFilter {

    static final String ERROR_SCHEMA = "#/components/schemas/ApiError";
    /** A queue's own endpoint: the one KEDA reads, which answers 503 rather than an old number. */
    private static final Pattern ONE_QUEUE = Pattern.compile("/queues/(projects|pools|groups)/\\{[^}/]+}");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Config config = ConfigProvider.getConfig();
        String header = config.getOptionalValue("adapter.auth.header-name", String.class)
                .orElse("X-API-KEY");
        String query = config.getOptionalValue("adapter.auth.query-param", String.class)
                .orElse("api_key");
        boolean basic = config.getOptionalValue("adapter.auth.basic.username", String.class)
                .isPresent();
        openAPI.info(OASFactory.createInfo()
                .title("gitlab-queue-adapter")
                .version(config.getOptionalValue("quarkus.application.version", String.class)
                        .orElse("dev"))
                .description("GitLab's CI job queue as JSON, for KEDA's metrics-api scaler, Azure Container Apps and"
                        + " people. Every count is a JSON number; an error is always an ApiError."));
        Components components =
                openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        components.addSecurityScheme("apiKeyHeader", apiKey(header, SecurityScheme.In.HEADER));
        components.addSecurityScheme("apiKeyQuery", apiKey(query, SecurityScheme.In.QUERY));
        components.addSecurityScheme(
                "bearer",
                OASFactory.createSecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("an API key as a Bearer token (KEDA's authMode: bearer)"));
        openAPI.components(components);
        openAPI.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("apiKeyHeader"));
        openAPI.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("apiKeyQuery"));
        openAPI.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer"));
        if (basic) {
            components.addSecurityScheme(
                    "basic",
                    OASFactory.createSecurityScheme()
                            .type(SecurityScheme.Type.HTTP)
                            .scheme("basic")
                            .description("adapter.auth.basic (KEDA's authMode: basic)"));
            openAPI.addSecurityRequirement(
                    OASFactory.createSecurityRequirement().addScheme("basic"));
        }
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths()
                    .getPathItems()
                    .forEach((path, item) ->
                            item.getOperations().values().forEach(operation -> errors(path, operation)));
        }
    }

    private static SecurityScheme apiKey(String name, SecurityScheme.In in) {
        return OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY)
                .name(name)
                .in(in)
                .description("one of adapter.auth.api-keys (KEDA's authMode: apiKey)");
    }

    /**
     * 401 for every reader's endpoint, 503 for a queue's own, 400 and 404 where a name is in the path. The webhook
     * says its own.
     */
    private static void errors(String path, Operation operation) {
        if (path.startsWith("/webhooks")) {
            operation.setSecurity(List.<SecurityRequirement>of()); // GitLab sends X-Gitlab-Token instead
            return;
        }
        operation.getResponses().addAPIResponse("401", error("no valid credential"));
        if (ONE_QUEUE.matcher(path).matches()) {
            operation
                    .getResponses()
                    .addAPIResponse(
                            "503", error("no good answer yet, or the last one is older than adapter.max-staleness"));
        }
        if (path.contains("{")) {
            operation.getResponses().addAPIResponse("400", error("a malformed name or parameter"));
            operation.getResponses().addAPIResponse("404", error("not watched by this adapter"));
        }
    }

    static APIResponse error(String description) {
        Content json = OASFactory.createContent()
                .addMediaType(
                        "application/json",
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref(ERROR_SCHEMA)));
        return OASFactory.createAPIResponse().description(description).content(json);
    }
}
