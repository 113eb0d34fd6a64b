package io.github.gitlabqueueadapter.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart as a platform team installs it: lint --strict passes, and what it renders runs non-root on a
 * read-only root filesystem, probes the health endpoints and takes every secret from a Secret. Runs where a helm
 * binary is given ({@code -Dhelm.binary=...}, as .ci/run does); skipped elsewhere.
 */
class HelmChartTest {

    private static final Path CHART = Helm.CHART;
    private static final String FULL_VALUES =
            CHART.resolve("ci/full-values.yaml").toString();

    @BeforeAll
    static void findHelm() {
        Helm.assumeAvailable();
    }

    private static void run(String... args) throws Exception {
        Helm.run(List.of(args));
    }

    private static List<JsonNode> render(String... values) throws Exception {
        return Helm.template("adapter", List.of(values));
    }

    private static JsonNode kind(List<JsonNode> docs, String kind) {
        return Helm.all(docs, kind).stream().findFirst().orElse(null);
    }

    private static JsonNode env(JsonNode container, String name) {
        return Helm.env(container, name);
    }

    @Test
    void lintsStrictWithDefaultAndFullValues() throws Exception {
        run("lint", "--strict", CHART.toString());
        run("lint", "--strict", CHART.toString(), "-f", FULL_VALUES);
    }

    @Test
    void thePodIsLockedDownAndProbesTheHealthEndpoints() throws Exception {
        for (List<JsonNode> docs : List.of(render(), render("-f", FULL_VALUES))) {
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
        List<JsonNode> docs = render("-f", FULL_VALUES);
        JsonNode secret = kind(docs, "Secret");
        String secretName = secret.path("metadata").path("name").asText();
        assertEquals(
                "glpat-example-not-a-real-token",
                secret.path("stringData").path("gitlab-token").asText());

        JsonNode deployment = kind(docs, "Deployment");
        assertFalse(
                deployment.toString().contains("glpat-example")
                        || deployment.toString().contains("api-key-0123456789")
                        || deployment.toString().contains("example-webhook-secret"),
                "no secret value in the Deployment");
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        assertEquals(
                secretName,
                env(container, "GQA_SECRET_API_KEY")
                        .path("valueFrom")
                        .path("secretKeyRef")
                        .path("name")
                        .asText());
        assertEquals(
                secretName,
                env(container, "GQA_SECRET_API_KEY_NEXT")
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
        assertEquals("platform/api,12270857", Helm.setting(docs, "adapter.projects"));
    }

    @Test
    void aNetworkPolicyThatWouldAdmitEveryoneIsRefused() throws Exception {
        Helm.Result result = Helm.exec(List.of(
                "template",
                "adapter",
                CHART.toString(),
                "--set",
                "networkPolicy.enabled=true",
                "--set",
                "networkPolicy.allowedNamespaceLabels=null"));
        assertTrue(result.exitCode() != 0 && result.output().contains("would admit everyone"), result.output());
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
                env(container, "GQA_SECRET_API_KEY")
                        .path("valueFrom")
                        .path("secretKeyRef")
                        .path("name")
                        .asText());
        assertEquals(
                "api-key",
                env(container, "GQA_SECRET_API_KEY")
                        .path("valueFrom")
                        .path("secretKeyRef")
                        .path("key")
                        .asText());
        assertEquals(
                "$(GQA_SECRET_API_KEY)",
                env(container, "ADAPTER_AUTH_API_KEYS").path("value").asText());
    }
}
