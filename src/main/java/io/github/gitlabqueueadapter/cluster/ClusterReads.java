package io.github.gitlabqueueadapter.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The Kubernetes API calls of a reading, each a single list in one namespace, bounded by the client's timeouts (see
 * {@link ClientTimeouts}). KEDA's objects are read as generic resources: no KEDA model classes to register for native.
 * A failed call throws {@link ClusterReadFailed}, naming what it read.
 */
@ApplicationScoped
class ClusterReads {

    static final String SCALED_JOB_LABEL = "scaledjob.keda.sh/name";

    /** KEDA's two kinds by kind: group, version and plural, so that no discovery request is needed. */
    static final Map<String, ResourceDefinitionContext> KEDA = Map.of(
            KedaObject.SCALED_OBJECT, definition(KedaObject.SCALED_OBJECT, "scaledobjects"),
            KedaObject.SCALED_JOB, definition(KedaObject.SCALED_JOB, "scaledjobs"));

    /** A ScaledObject's HPA's {@code status}: replicas wanted and running; null before the HPA has them. */
    record Replicas(Integer desired, Integer current) {}

    /** The client is made on its first use (an application-scoped proxy): with the side off, never. */
    private final KubernetesClient client;

    ClusterReads(KubernetesClient client) {
        this.client = client;
    }

    private static ResourceDefinitionContext definition(String kind, String plural) {
        return new ResourceDefinitionContext.Builder()
                .withGroup("keda.sh")
                .withVersion("v1alpha1")
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(true)
                .build();
    }

    /** The namespace the client was configured with: the pod's own in a cluster; null when none is known. */
    String ownNamespace() {
        return client.getNamespace();
    }

    /** Every ScaledObject or ScaledJob ({@code kind}) of the namespace. */
    List<KedaObject> keda(String kind, String namespace) {
        ResourceDefinitionContext context = KEDA.get(kind);
        List<GenericKubernetesResource> items = call(
                "list " + context.getPlural() + ".keda.sh",
                () -> client.genericKubernetesResources(context)
                        .inNamespace(namespace)
                        .list()
                        .getItems());
        return items.stream()
                .map(item -> new KedaObject(
                        kind,
                        namespace,
                        item.getMetadata().getName(),
                        map(item.getAdditionalProperties().get("spec")),
                        map(item.getAdditionalProperties().get("status"))))
                .toList();
    }

    /** The namespace's HPAs by name. */
    Map<String, Replicas> hpas(String namespace) {
        List<HorizontalPodAutoscaler> items = call(
                "list horizontalpodautoscalers.autoscaling",
                () -> client.autoscaling()
                        .v2()
                        .horizontalPodAutoscalers()
                        .inNamespace(namespace)
                        .list()
                        .getItems());
        Map<String, Replicas> byName = new HashMap<>();
        for (HorizontalPodAutoscaler hpa : items) {
            var status = hpa.getStatus();
            byName.put(
                    hpa.getMetadata().getName(),
                    status == null
                            ? new Replicas(null, null)
                            : new Replicas(status.getDesiredReplicas(), status.getCurrentReplicas()));
        }
        return byName;
    }

    /** For each of these ScaledJobs, how many of its Jobs are active ({@code status.active > 0}); 0 for none. */
    Map<String, Integer> activeJobs(String namespace, Set<String> scaledJobs) {
        List<Job> jobs = call(
                "list jobs.batch",
                () -> client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(namespace)
                        .withLabel(SCALED_JOB_LABEL)
                        .list()
                        .getItems());
        Map<String, Integer> active = new HashMap<>();
        scaledJobs.forEach(name -> active.put(name, 0));
        for (Job job : jobs) {
            Map<String, String> labels = job.getMetadata().getLabels();
            String owner = labels == null ? null : labels.get(SCALED_JOB_LABEL);
            Integer running = job.getStatus() == null ? null : job.getStatus().getActive();
            if (owner != null && active.containsKey(owner) && running != null && running > 0) {
                active.merge(owner, 1, Integer::sum);
            }
        }
        return active;
    }

    private static <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw new ClusterReadFailed(what, e);
        }
    }

    @SuppressWarnings("unchecked") // a JSON object read by Jackson: string keys
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
