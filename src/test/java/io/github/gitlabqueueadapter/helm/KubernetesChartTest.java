package io.github.gitlabqueueadapter.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's Kubernetes side ({@code kubernetes.enabled}): off by default, with no RBAC and no token in the pod; on,
 * a Role that only reads the four resources the adapter reads, bound to the ServiceAccount the pod runs as, and the
 * adapter told to read. Runs where a helm binary is given.
 */
class KubernetesChartTest {

    @BeforeAll
    static void needsHelm() {
        Helm.assumeAvailable();
    }

    private static JsonNode pod(List<JsonNode> docs) {
        return Helm.one(docs, "Deployment").path("spec").path("template").path("spec");
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    @Test
    void offByDefaultThereIsNoRbacNoServiceAccountAndNoToken() throws Exception {
        List<JsonNode> docs = Helm.templateInCi();

        assertNull(Helm.one(docs, "Role"));
        assertNull(Helm.one(docs, "RoleBinding"));
        assertNull(Helm.one(docs, "ServiceAccount"));
        assertTrue(pod(docs).path("serviceAccountName").isMissingNode());
        assertFalse(pod(docs).path("automountServiceAccountToken").asBoolean(true));
        assertNull(Helm.env(Helm.adapterContainer(docs), "ADAPTER_KUBERNETES_ENABLED"));
    }

    @Test
    void onTheRoleOnlyGetsAndListsTheFourResourcesTheAdapterReads() throws Exception {
        JsonNode role = Helm.one(Helm.templateInCi("kubernetes.enabled=true"), "Role");

        assertNotNull(role);
        Set<String> grants = new TreeSet<>();
        for (JsonNode rule : role.path("rules")) {
            assertEquals(Set.of("get", "list"), texts(rule.path("verbs")), rule.toString());
            assertTrue(rule.path("resourceNames").isMissingNode()
                    && rule.path("nonResourceURLs").isMissingNode());
            for (String group : texts(rule.path("apiGroups"))) {
                for (String resource : texts(rule.path("resources"))) {
                    grants.add(group + "/" + resource);
                }
            }
        }
        assertEquals(
                Set.of(
                        "autoscaling/horizontalpodautoscalers",
                        "batch/jobs",
                        "keda.sh/scaledjobs",
                        "keda.sh/scaledobjects"),
                grants);
    }

    @Test
    void onTheRoleIsBoundToTheServiceAccountThePodRunsAsWithItsTokenMounted() throws Exception {
        List<JsonNode> docs = Helm.templateInCi("kubernetes.enabled=true");
        JsonNode binding = Helm.one(docs, "RoleBinding");
        JsonNode account = Helm.one(docs, "ServiceAccount");

        assertEquals("Role", binding.path("roleRef").path("kind").asText());
        assertEquals(
                Helm.one(docs, "Role").path("metadata").path("name").asText(),
                binding.path("roleRef").path("name").asText());
        JsonNode subject = binding.path("subjects").get(0);
        assertEquals(1, binding.path("subjects").size());
        assertEquals("ServiceAccount", subject.path("kind").asText());
        assertEquals("ci", subject.path("namespace").asText());
        String name = account.path("metadata").path("name").asText();
        assertEquals(name, subject.path("name").asText());
        assertEquals(name, pod(docs).path("serviceAccountName").asText());
        assertTrue(pod(docs).path("automountServiceAccountToken").asBoolean(false), "the pod needs the token");
    }

    @Test
    void onTheAdapterIsToldToReadAtTheGivenInterval() throws Exception {
        List<JsonNode> docs = Helm.templateInCi("kubernetes.enabled=true", "kubernetes.interval=1m");
        JsonNode container = Helm.adapterContainer(docs);

        assertEquals(
                "true",
                Helm.env(container, "ADAPTER_KUBERNETES_ENABLED").path("value").asText());
        assertEquals("1m", Helm.setting(docs, "adapter.kubernetes.interval"));
    }
}
