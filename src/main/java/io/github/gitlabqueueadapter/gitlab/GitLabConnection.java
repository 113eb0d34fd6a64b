package io.github.gitlabqueueadapter.gitlab;

import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;

/** How the REST client reaches GitLab: base URL, timeouts, TLS trust, proxy, and never a redirect. */
final class GitLabConnection {

    /** Name of the client in the {@code http_client_*} metrics. */
    static final String METRICS_NAME = "rest-client|gitlab";

    private GitLabConnection() {}

    static QuarkusRestClientBuilder builder(GitLabConfig gitlab) {
        String url = gitlab.url().endsWith("/")
                ? gitlab.url().substring(0, gitlab.url().length() - 1)
                : gitlab.url();
        long timeout = gitlab.timeout().toMillis();
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(url))
                .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .httpClientOptionsCustomizer(
                        options -> options.setMetricsName(METRICS_NAME).setKeepAliveTimeout((int)
                                Math.max(1, gitlab.idleConnectionTimeout().toSeconds())));
        if (gitlab.tls().insecure()) {
            builder.trustAll(true).verifyHost(false);
        } else if (gitlab.tls().caFile().isPresent()) {
            try {
                builder.trustStore(
                        PemTrust.withJvmDefaults(Path.of(gitlab.tls().caFile().get())), "trust");
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("gitlab.tls.ca-file cannot be used: " + e.getMessage(), e);
            }
        }
        GitLabConfig.Proxy proxy = gitlab.proxy();
        proxy.host().filter(host -> !host.isBlank()).ifPresent(host -> {
            builder.proxyAddress(host, proxy.port());
            proxy.username().ifPresent(builder::proxyUser);
            proxy.password().ifPresent(builder::proxyPassword);
            proxy.nonProxyHosts().ifPresent(builder::nonProxyHosts);
        });
        return builder;
    }
}
