package io.github.gitlabqueueadapter.app;

import io.github.gitlabqueueadapter.api.auth.ClientCertificates;
import io.github.gitlabqueueadapter.api.auth.Credentials;
import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.config.KubernetesConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/** Refuses to start with a configuration that {@link ConfigCheck} rejects, naming every key that is wrong. */
@Singleton
public class StartupConfigCheck {

    private static final Logger LOG = Logger.getLogger(StartupConfigCheck.class);

    /**
     * Runs before every other start-up observer: the scheduler starts its triggers at priority 0, and a trigger that
     * fires while a refused start shuts the application down fails with a trace.
     */
    void check(
            @Observes @Priority(Integer.MIN_VALUE) StartupEvent event,
            GitLabConfig gitlab,
            AdapterConfig adapter,
            ClientCertificates certificates,
            KubernetesConfig kubernetes) {
        List<String> problems = new ArrayList<>(ConfigCheck.problems(gitlab, adapter));
        problems.addAll(ConfigCheck.problems(certificates));
        problems.addAll(ConfigCheck.problems(kubernetes));
        if (adapter.store() == AdapterConfig.Store.REDIS
                && ConfigProvider.getConfig()
                        .getOptionalValue("quarkus.redis.hosts", String.class)
                        .isEmpty()) {
            problems.add(ConfigCheck.line(
                    "adapter.store",
                    "is redis, but quarkus.redis.hosts (env QUARKUS_REDIS_HOSTS) names no Redis;"
                            + " set it (redis://host:6379) or use adapter.store=memory"));
        }
        if (!problems.isEmpty()) {
            problems.forEach(problem -> LOG.error("Invalid configuration: " + problem));
            throw new InvalidConfigException("The adapter does not start: " + problems.size()
                    + (problems.size() == 1
                            ? " configuration problem, logged above"
                            : " configuration problems, logged above"));
        }
        if (gitlab.token().isEmpty() && gitlab.tokenFile().isEmpty()) {
            LOG.warn("No gitlab.token or gitlab.token-file (env GITLAB_TOKEN, GITLAB_TOKEN_FILE): requests to GitLab"
                    + " are anonymous and only public projects with public pipelines answer");
        }
        if (gitlab.tls().insecure()) {
            LOG.warn("gitlab.tls.insecure=true: GitLab's certificate and host name are NOT checked. Anyone between this"
                    + " adapter and GitLab can read the GitLab token. Use gitlab.tls.ca-file instead.");
        }
        if (certificates.required()) {
            LOG.info("quarkus.http.ssl.client-auth=required: every endpoint but the webhook (and /q/health,"
                    + " /q/metrics unless adapter.auth.protect-management) needs a client certificate from"
                    + " the trusted CA, checked by the adapter; Quarkus's warning that the key is fixed to"
                    + " 'request' at build time is expected");
        } else if (!new Credentials(adapter.auth()).required()) {
            LOG.warn("No adapter.auth.api-keys or adapter.auth.basic (env ADAPTER_AUTH_API_KEYS), and"
                    + " quarkus.http.ssl.client-auth is not required: the queue endpoints are open to anyone who can"
                    + " reach this port");
        }
        if (adapter.webhook().secret().isEmpty()
                && adapter.forecast()
                                .window()
                                .compareTo(adapter.pollInterval()
                                        .multipliedBy(io.github.gitlabqueueadapter.insight.TrendForecast.MIN_POINTS))
                        < 0) {
            LOG.warnf(
                    "adapter.forecast.window (%s) holds fewer than %d polls at adapter.poll-interval (%s), and no job"
                            + " events arrive: forecastPending will mostly equal pending. Lengthen the window.",
                    adapter.forecast().window(),
                    io.github.gitlabqueueadapter.insight.TrendForecast.MIN_POINTS,
                    adapter.pollInterval());
        }
    }

    /**
     * A configuration error. Quarkus prints the message of a {@link ConfigurationException} alone, without the stack
     * trace it prints for other start-up failures: the lines above it say everything.
     */
    static final class InvalidConfigException extends ConfigurationException {
        InvalidConfigException(String message) {
            super(message);
        }
    }
}
