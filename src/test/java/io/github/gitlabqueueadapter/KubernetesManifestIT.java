package io.github.gitlabqueueadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code target/kubernetes/kubernetes.yml}, written by {@code ./mvnw package}, as a cluster without Helm applies it:
 * a Deployment that takes its settings and secrets from a ConfigMap and a Secret named like it, runs non-root within
 * the chart's memory, probes the health endpoints, and keeps one selector across versions; a Service in front.
 */
class KubernetesManifestIT {

    private static final Path MANIFEST = Path.of("target", "kubernetes", "kubernetes.yml");
    private static final List<JsonNode> DOCS = new ArrayList<>();

    @BeforeAll
    static void read() throws Exception {
        assertTrue(Files.isRegularFile(MANIFEST), "./mvnw package writes " + MANIFEST);
        try (MappingIterator<JsonNode> it =
                new YAMLMapper().readerFor(JsonNode.class).readValues(MANIFEST.toFile())) {
            while (it.hasNext()) {
                DOCS.add(it.next());
            }
        }
    }

    private static JsonNode only(String kind) {
        List<JsonNode> found =
                DOCS.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
        assertEquals(1, found.size(), "one " + kind);
        return found.get(0);
    }

    @Test
    void theDeploymentTakesItsConfigurationFromAConfigMapAndASecretAndRunsNonRoot() {
        JsonNode pod = only("Deployment").path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        List<String> sources = new ArrayList<>();
        container
                .path("envFrom")
                .forEach(source -> source.fields()
                        .forEachRemaining(f -> sources.add(
                                f.getKey() + " " + f.getValue().path("name").asText())));
        assertEquals(
                List.of("configMapRef gitlab-queue-adapter", "secretRef gitlab-queue-adapter"),
                sources.stream().sorted().toList());
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
        assertEquals(
                "256Mi",
                container.path("resources").path("limits").path("memory").asText());
        assertTrue(container.path("image").asText().startsWith("ghcr.io/gitlab-queue-adapter/gitlab-queue-adapter:"));
    }

    @Test
    void probesAskTheHealthEndpoints() {
        JsonNode container = only("Deployment")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
        assertEquals(
                "/q/health/live",
                container.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals(
                "/q/health/ready",
                container.path("readinessProbe").path("httpGet").path("path").asText());
    }

    @Test
    void theSelectorStaysTheSameFromOneVersionToTheNext() {
        JsonNode selector = only("Deployment").path("spec").path("selector").path("matchLabels");
        assertFalse(selector.has("app.kubernetes.io/version"), selector.toString());
        assertFalse(only("Service").path("spec").path("selector").has("app.kubernetes.io/version"));
        assertEquals(
                8080,
                only("Service")
                        .path("spec")
                        .path("ports")
                        .get(0)
                        .path("targetPort")
                        .asInt());
    }
}
