package io.github.gitlabqueueadapter.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart as a platform team installs it: lint --strict passes, and what it renders runs non-root on a
 * read-only root filesystem, probes the health endpoints and takes every secret from a Secret. Runs where a helm
 * binary is given ({@code -Dhelm.binary=...}, as .ci/run does); skipped elsewhere.
 */
class HelmChartTest {

    private static final Path CHART = Path.of("helm", "gitlab-queue-adapter");
    private static String helm;

    @BeforeAll
    static void findHelm() {
        helm = System.getProperty("helm.binary", "");
        assumeTrue(!helm.isBlank() && Files.isExecutable(Path.of(helm)), "no helm binary given (-Dhelm.binary)");
    }

    private static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(helm));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "helm finished");
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
        return output;
    }

    private static List<JsonNode> render(String... values) throws Exception {
        List<String> args = new ArrayList<>(List.of("template", "adapter", CHART.toString()));
        args.addAll(List.of(values));
        String yaml = run(args.toArray(String[]::new));
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it =
                new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && doc.has("kind")) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    private static JsonNode kind(List<JsonNode> docs, String kind) {
        return docs.stream()
                .filter(d -> d.path("kind").asText().equals(kind))
                .findFirst()
                .orElse(null);
    }

    private static JsonNode env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        return null;
    }

    @Test
    void lintsStrictWithDefaultAndFullValues() throws Exception {
        run("lint", "--strict", CHART.toString());
        run(
                "lint",
                "--strict",
                CHART.toString(),
                "-f",
                CHART.resolve("ci/full-values.yaml").toString());
    }

    @Test
    void thePodIsLockedDownAndProbesTheHealthEndpoints() throws Exception {
        for (List<JsonNode> docs : List.of(
                render(), render("-f", CHART.resolve("ci/full-values.yaml").toString()))) {
            JsonNode pod =
                    kind(docs, "Deployment").path("spec").path("template").path("spec");
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(true));
            JsonNode container = pod.path("containers").get(0);
            JsonNode security = container.path("securityContext");
            assertTrue(security.path("readOnlyRootFilesystem").asBoolean());
            assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true));
            assertEquals(
                    "ALL", security.path("capabilities").path("drop").get(0).asText());
            assertEquals(
                    "/q/health/live",
                    container.path("livenessProbe").path("httpGet").path("path").asText());
            assertEquals(
                    "/q/health/ready",
                    container
                            .path("readinessProbe")
                            .path("httpGet")
                            .path("path")
                            .asText());
            assertTrue(container.path("resources").path("limits").has("memory"));
            assertTrue(container.path("resources").path("requests").has("cpu"));
        }
    }

    @Test
    void everySecretComesFromTheSecretAndNeverSitsInTheDeployment() throws Exception {
        List<JsonNode> docs = render("-f", CHART.resolve("ci/full-values.yaml").toString());
        JsonNode secret = kind(docs, "Secret");
        String secretName = secret.path("metadata").path("name").asText();
        assertEquals(
                "glpat-example-not-a-real-token",
                secret.path("stringData").path("gitlab-token").asText());

        JsonNode deployment = kind(docs, "Deployment");
        assertFalse(
                deployment.toString().contains("glpat-example")
                        || deployment.toString().contains("example-api-key")
                        || deployment.toString().contains("example-webhook-secret"),
                "no secret value in the Deployment");
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        assertEquals(
                secretName,
                env(container, "ADAPTER_AUTH_API_KEYS")
                        .path("valueFrom")
                        .path("secretKeyRef")
                        .path("name")
                        .asText());
        assertEquals(
                secretName,
                env(container, "ADAPTER_WEBHOOK_SECRET")
                        .path("valueFrom")
                        .path("secretKeyRef")
                        .path("name")
                        .asText());
        assertEquals(
                "/var/run/secrets/gitlab-queue-adapter/gitlab-token",
                env(container, "GITLAB_TOKEN_FILE").path("value").asText());
        boolean tokenVolume = false;
        for (JsonNode volume : pod.path("volumes")) {
            tokenVolume |=
                    secretName.equals(volume.path("secret").path("secretName").asText());
        }
        assertTrue(tokenVolume, "the token is a mounted file, so a rotated Secret needs no restart");
        assertEquals(2, deployment.path("spec").path("replicas").asInt());
        assertTrue(kind(docs, "ServiceMonitor") != null && kind(docs, "NetworkPolicy") != null);
        assertTrue(
                kind(docs, "ConfigMap")
                        .path("data")
                        .path("application.properties")
                        .asText()
                        .contains("adapter.pools.docker.runners=17,18,31415926"),
                "ids stay integers, never 3.1415926e+07");
        assertEquals(
                "platform/api,12270857",
                env(container, "ADAPTER_PROJECTS").path("value").asText());
    }

    @Test
    void aNetworkPolicyThatWouldAdmitEveryoneIsRefused() throws Exception {
        List<String> command = List.of(
                helm,
                "template",
                "adapter",
                CHART.toString(),
                "--set",
                "networkPolicy.enabled=true",
                "--set",
                "networkPolicy.allowedNamespaceLabels=null");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertTrue(process.exitValue() != 0 && output.contains("would admit everyone"), output);
    }

    @Test
    void anExistingSecretReplacesTheChartsOwn() throws Exception {
        List<JsonNode> docs = render("--set", "secret.create=false", "--set", "secret.existingSecret=team-gitlab");
        assertEquals(null, kind(docs, "Secret"));
        JsonNode container = kind(docs, "Deployment")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
        assertEquals(
                "team-gitlab",
                env(container, "ADAPTER_AUTH_API_KEYS")
                        .path("valueFrom")
                        .path("secretKeyRef")
                        .path("name")
                        .asText());
    }
}
