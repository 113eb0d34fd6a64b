package io.github.gitlabqueueadapter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The Kubernetes side (opt-in): which KEDA objects of the cluster read this adapter's queues, and how far they scaled.
 * Keys under {@code adapter.kubernetes.}; every key is also an env var (ADAPTER_KUBERNETES_ENABLED, ...).
 */
@ConfigMapping(prefix = "adapter.kubernetes")
public interface KubernetesConfig {

    /**
     * Read the ScaledObjects and ScaledJobs of {@link #namespace()} and their HPAs and Jobs. Needs read access to them
     * (the chart's Role, {@code kubernetes.enabled=true}); off, the adapter never connects to the Kubernetes API.
     */
    @WithDefault("false")
    boolean enabled();

    /** How often the objects are read; each reading is announced as one observation. */
    @WithDefault("30s")
    Duration interval();

    /**
     * The namespace whose objects are read. Empty: the namespace the pod runs in (its service account's namespace
     * file), or outside a pod the current kubeconfig context's.
     */
    Optional<String> namespace();

    /** At most this many matching objects are kept and announced; more are logged once and left out. */
    @WithDefault("200")
    int maxObjects();

    /** Upper bound of each request to the Kubernetes API: connect, and wait for the answer. */
    @WithDefault("5s")
    Duration timeout();
}
