package io.github.gitlabqueueadapter.cluster;

import io.fabric8.kubernetes.client.Config;
import io.github.gitlabqueueadapter.config.KubernetesConfig;
import io.quarkus.kubernetes.client.KubernetesConfigCustomizer;
import jakarta.inject.Singleton;

/**
 * Bounds every call of the Kubernetes client by {@code adapter.kubernetes.timeout}, connecting and waiting alike, and
 * turns its own retries off: a failed reading is tried again at the next interval, so no call outlasts the timeout.
 */
@Singleton
class ClientTimeouts implements KubernetesConfigCustomizer {

    private final KubernetesConfig config;

    ClientTimeouts(KubernetesConfig config) {
        this.config = config;
    }

    @Override
    public void customize(Config client) {
        int millis = (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis());
        client.setConnectionTimeout(millis);
        client.setRequestTimeout(millis);
        client.setRequestRetryBackoffLimit(0);
    }
}
