package io.github.gitlabqueueadapter.config;

import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Optional;

/** Credentials readers must present; with none configured, the endpoints are open (and a warning says so). */
public interface AuthConfig {

    /** An HTTP header name, RFC 9110's token; the query parameter's name too. */
    String HTTP_TOKEN = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";

    /** Accepted API keys, comma-separated; more than one lets a key be rotated without downtime. Never logged. */
    Optional<List<String>> apiKeys();

    /**
     * Header that carries an API key; KEDA sends {@code X-API-KEY} unless its {@code keyParamName} says otherwise.
     */
    @WithDefault("X-API-KEY")
    @Pattern(regexp = HTTP_TOKEN, message = "must be an HTTP header name", groups = AtStart.class)
    String headerName();

    /** Query parameter that carries an API key, for KEDA's {@code method: query}. */
    @WithDefault("api_key")
    @Pattern(regexp = HTTP_TOKEN, message = "must be a plain parameter name", groups = AtStart.class)
    String queryParam();

    /** HTTP Basic credentials, for KEDA's {@code authMode: basic}. */
    BasicAuthConfig basic();

    /** Whether {@code /q/health} and {@code /q/metrics} require a credential too. */
    @WithDefault("false")
    boolean protectManagement();
}
