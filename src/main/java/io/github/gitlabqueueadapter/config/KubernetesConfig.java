package io.github.gitlabqueueadapter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.Range;

/**
 * The Kubernetes side (opt-in): which KEDA objects of the cluster read this adapter's queues, and how far they scaled.
 * Keys under {@code adapter.kubernetes.}; every key is also an env var (ADAPTER_KUBERNETES_ENABLED, ...).
 */
@ConfigMapping(prefix = "adapter.kubernetes")
public interface KubernetesConfig {

    /** A Kubernetes namespace name (RFC 1123 label). */
    String NAMESPACE_NAME = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

    /**
     * Read the ScaledObjects and ScaledJobs of {@link #namespace()} and their HPAs and Jobs. Needs read access to them
     * (the chart's Role, {@code kubernetes.enabled=true}); off, the adapter never connects to the Kubernetes API.
     */
    @WithDefault("false")
    boolean enabled();

    /** How often the objects are read; each reading is announced as one observation. */
    @WithDefault("30s")
    @DurationRange(min = "5s", max = "1h", groups = AtStart.class)
    Duration interval();

    /**
     * The namespace whose objects are read. Empty: the namespace the pod runs in (its service account's namespace
     * file), or outside a pod the current kubeconfig context's.
     */
    Optional<
                    @Pattern(
                            regexp = NAMESPACE_NAME,
                            message = "must be a namespace name (lower-case letters, digits and '-', at most 63)",
                            groups = AtStart.class)
                    String>
            namespace();

    /** At most this many matching objects are kept and announced; more are logged once and left out. */
    @WithDefault("200")
    @Range(min = 1, max = 10_000, groups = AtStart.class)
    int maxObjects();

    /** Upper bound of each request to the Kubernetes API: connect, and wait for the answer. */
    @WithDefault("5s")
    @DurationRange(min = "100ms", max = "1m", groups = AtStart.class)
    Duration timeout();
}
