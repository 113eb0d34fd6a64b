package io.github.gitlabqueueadapter.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's replicas: one without Redis, exactly as before; with {@code store: redis}, two by default that share
 * Redis (its URL, its password as a file from an existing Secret), a PodDisruptionBudget and spreading over nodes.
 * Runs where a helm binary is given.
 */
class StoreChartTest {

    private static final String URL = "redis://redis-master.ci.svc:6379";

    @BeforeAll
    static void needsHelm() {
        Helm.assumeAvailable();
    }

    private static List<JsonNode> render(String... sets) throws Exception {
        return Helm.templateInCi(sets);
    }

    private static JsonNode deployment(List<JsonNode> docs) {
        return Helm.one(docs, "Deployment");
    }

    private static JsonNode podLabels(List<JsonNode> docs) {
        return deployment(docs).path("spec").path("template").path("metadata").path("labels");
    }

    /** Whether every label of {@code selector} is on the pods. */
    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isEmpty()) {
            return false;
        }
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) selector::fields) {
            if (!labels.path(field.getKey()).asText().equals(field.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    @Test
    void withoutRedisOneReplicaRunsAsBefore() throws Exception {
        List<JsonNode> docs = render();

        assertEquals(1, deployment(docs).path("spec").path("replicas").asInt());
        assertNull(Helm.env(Helm.adapterContainer(docs), "ADAPTER_STORE"), "the memory store is the default");
        assertNull(Helm.one(docs, "PodDisruptionBudget"), "a budget for one pod would block every drain");
        assertTrue(deployment(docs)
                .path("spec")
                .path("template")
                .path("spec")
                .path("topologySpreadConstraints")
                .isMissingNode());
    }

    @Test
    void withRedisTwoReplicasShareItAndAreKeptApartAndAvailable() throws Exception {
        List<JsonNode> docs = render("store=redis", "redis.url=" + URL, "redis.existingSecret=redis-auth");

        JsonNode container = Helm.adapterContainer(docs);
        assertEquals(2, deployment(docs).path("spec").path("replicas").asInt());
        assertEquals("redis", Helm.env(container, "ADAPTER_STORE").path("value").asText());
        assertEquals(
                URL, Helm.env(container, "QUARKUS_REDIS_HOSTS").path("value").asText());
        assertEquals("gqa:", Helm.setting(docs, "adapter.redis.key-prefix"));
        assertEquals("15s", Helm.setting(docs, "adapter.redis.lease-ttl"));
        String file =
                Helm.env(container, "ADAPTER_REDIS_PASSWORD_FILE").path("value").asText();

        JsonNode pod = deployment(docs).path("spec").path("template").path("spec");
        String volume = null;
        for (JsonNode mount : container.path("volumeMounts")) {
            if (file.startsWith(mount.path("mountPath").asText() + "/")) {
                volume = mount.path("name").asText();
                assertEquals(file, mount.path("mountPath").asText() + "/password");
            }
        }
        assertNotNull(volume, "the password file is mounted: " + file);
        for (JsonNode v : pod.path("volumes")) {
            if (v.path("name").asText().equals(volume)) {
                assertEquals("redis-auth", v.path("secret").path("secretName").asText());
                assertEquals(
                        "redis-password",
                        v.path("secret").path("items").get(0).path("key").asText());
                assertEquals(
                        "password",
                        v.path("secret").path("items").get(0).path("path").asText());
            }
        }

        JsonNode budget = Helm.one(docs, "PodDisruptionBudget");
        assertNotNull(budget, "a drain leaves one replica answering KEDA");
        assertEquals(1, budget.path("spec").path("minAvailable").asInt());
        assertTrue(selects(budget.path("spec").path("selector").path("matchLabels"), podLabels(docs)));

        JsonNode spread = pod.path("topologySpreadConstraints").get(0);
        assertEquals("kubernetes.io/hostname", spread.path("topologyKey").asText());
        assertEquals("ScheduleAnyway", spread.path("whenUnsatisfiable").asText(), "a one-node cluster still runs both");
        assertTrue(selects(spread.path("labelSelector").path("matchLabels"), podLabels(docs)));

        for (JsonNode env : container.path("env")) {
            assertTrue(!env.path("value").asText().contains("redis-auth"), "no password in the environment");
        }
    }

    @Test
    void replicasAndPlacementOfYourOwnAreKept() throws Exception {
        List<JsonNode> docs = render(
                "store=redis",
                "redis.url=" + URL,
                "replicaCount=3",
                "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
                        + ".matchExpressions[0].key=pool",
                "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
                        + ".matchExpressions[0].operator=Exists");

        assertEquals(3, deployment(docs).path("spec").path("replicas").asInt());
        JsonNode pod = deployment(docs).path("spec").path("template").path("spec");
        assertTrue(pod.path("topologySpreadConstraints").isMissingNode(), "your affinity decides placement");
        assertNull(Helm.env(Helm.adapterContainer(docs), "ADAPTER_REDIS_PASSWORD_FILE"), "no Secret named: none");
    }

    @Test
    void aStoreThatCannotWorkIsRefused() throws Exception {
        Helm.assertRefused(
                List.of("template", "x", Helm.CHART.toString()),
                Map.of(
                        List.of("--set", "store=redis"), "store redis needs redis.url",
                        List.of("--set", "store=postgres"), "store \"postgres\" is not memory or redis"));
    }
}
