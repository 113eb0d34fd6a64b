package io.github.gitlabqueueadapter.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gitlabqueueadapter.domain.QueueKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which KEDA triggers read this adapter's queues, on the objects' maps as the API gives them; no Quarkus. */
class ScalerTriggersTest {

    private static Map<String, Object> trigger(String type, Map<String, Object> metadata) {
        return metadata == null ? Map.of("type", type) : Map.of("type", type, "metadata", metadata);
    }

    private static Map<String, Object> metricsApi(String url) {
        return trigger("metrics-api", Map.of("url", url, "valueLocation", "pending"));
    }

    private static Map<String, Object> spec(Object... triggers) {
        return Map.of("triggers", List.of(triggers));
    }

    private static KedaObject object(String kind, String name, Map<String, Object> spec) {
        return new KedaObject(kind, "ci", name, spec, Map.of());
    }

    @Test
    void aPoolUrlOfTheServiceReadsThatPool() {
        assertEquals(
                Optional.of(QueueKey.pool("docker")),
                ScalerTriggers.queueOf("http://gitlab-queue-adapter.ci.svc:8080/queues/pools/docker"));
    }

    @Test
    void anEncodedProjectPathIsDecodedOnceAsTheEndpointDecodesIt() {
        assertEquals(
                Optional.of(QueueKey.project("group/app")),
                ScalerTriggers.queueOf("http://gitlab-queue-adapter:8080/queues/projects/group%2Fapp"));
        assertEquals(
                Optional.of(QueueKey.project("group%2Fapp")),
                ScalerTriggers.queueOf("http://gitlab-queue-adapter:8080/queues/projects/group%252Fapp"));
        assertEquals(Optional.of(QueueKey.project("42")), ScalerTriggers.queueOf("http://a/queues/projects/42"));
        assertEquals(Optional.of(QueueKey.group("c++")), ScalerTriggers.queueOf("http://a/queues/groups/c+%2B"));
    }

    @Test
    void hostPortQueryTrailingSlashAndSchemeDoNotMatter() {
        for (String url : List.of(
                "https://gitlab-queue-adapter.ci.svc.cluster.local:8443/queues/groups/platform",
                "http://10.0.0.7/queues/groups/platform?tags=docker&api_key=x",
                "http://gitlab-queue-adapter/queues/groups/platform/",
                "HTTP://gitlab-queue-adapter/queues/groups/platform",
                "gitlab-queue-adapter.ci.svc:8080/queues/groups/platform",
                " http://gitlab-queue-adapter/queues/groups/platform ")) {
            assertEquals(Optional.of(QueueKey.group("platform")), ScalerTriggers.queueOf(url), url);
        }
    }

    @Test
    void otherPathsAndSchemesAreNotOurQueues() {
        for (String url : List.of(
                "http://other-service/api/v1/queue",
                "http://gitlab-queue-adapter/queues",
                "http://gitlab-queue-adapter/queues/pools/",
                "http://gitlab-queue-adapter/queues/runners/docker",
                "http://gitlab-queue-adapter/queues/projects/group/app",
                "http://gitlab-queue-adapter/v2/queues/pools/docker",
                "http://gitlab-queue-adapter/queues/pools/%zz",
                "ftp://gitlab-queue-adapter/queues/pools/docker",
                "http://bad host/queues/pools/docker",
                "")) {
            assertEquals(Optional.empty(), ScalerTriggers.queueOf(url), url);
        }
    }

    @Test
    void onlyMetricsApiTriggersWithAUrlCount() {
        Map<String, Object> spec = spec(
                trigger("cpu", Map.of("type", "Utilization", "value", "60")),
                trigger("prometheus", Map.of("url", "http://a/queues/pools/docker")),
                trigger("metrics-api", null),
                trigger("metrics-api", Map.of("valueLocation", "pending")),
                Map.of("metadata", Map.of("url", "http://a/queues/pools/docker")),
                "not a trigger",
                metricsApi("http://a/queues/pools/fast"));

        assertEquals(List.of(QueueKey.pool("fast")), ScalerTriggers.queuesRead(spec));
    }

    @Test
    void aSpecWithoutTriggersReadsNothing() {
        assertEquals(List.of(), ScalerTriggers.queuesRead(null));
        assertEquals(List.of(), ScalerTriggers.queuesRead(Map.of()));
        assertEquals(List.of(), ScalerTriggers.queuesRead(Map.of("triggers", "none")));
    }

    @Test
    void anObjectReadingTwoQueuesIsOneMatchForEachAndTheSameQueueTwiceIsOne() {
        KedaObject both = object(
                KedaObject.SCALED_OBJECT,
                "runners",
                spec(
                        metricsApi("http://a/queues/pools/docker"),
                        metricsApi("http://a/queues/projects/group%2Fapp?tags=docker"),
                        metricsApi("http://a/queues/pools/docker/")));

        List<ScalerTriggers.Match> matches = ScalerTriggers.matches(List.of(both));

        assertEquals(
                List.of(QueueKey.project("group/app"), QueueKey.pool("docker")),
                matches.stream().map(ScalerTriggers.Match::queue).toList());
    }

    @Test
    void matchesComeSortedByKindAndNameWhateverTheListingOrder() {
        List<KedaObject> objects = new ArrayList<>();
        for (String name : List.of("zeta", "alpha", "mid")) {
            objects.add(object(KedaObject.SCALED_OBJECT, name, spec(metricsApi("http://a/queues/pools/docker"))));
            objects.add(object(KedaObject.SCALED_JOB, name, spec(metricsApi("http://a/queues/pools/docker"))));
        }
        objects.add(object(KedaObject.SCALED_OBJECT, "cpu-only", spec(trigger("cpu", Map.of()))));

        assertEquals(
                List.of(
                        "ScaledJob/alpha",
                        "ScaledJob/mid",
                        "ScaledJob/zeta",
                        "ScaledObject/alpha",
                        "ScaledObject/mid",
                        "ScaledObject/zeta"),
                ScalerTriggers.matches(objects).stream()
                        .map(m -> m.object().kind() + "/" + m.object().name())
                        .toList());
    }

    @Test
    void theHpaIsTheOneKedaNamedInTheStatusElseItsDefaultName() {
        assertEquals(
                "custom-hpa",
                new KedaObject(KedaObject.SCALED_OBJECT, "ci", "runners", Map.of(), Map.of("hpaName", "custom-hpa"))
                        .hpaName());
        assertEquals(
                "keda-hpa-runners",
                object(KedaObject.SCALED_OBJECT, "runners", Map.of()).hpaName());
    }
}
