package io.github.gitlabqueueadapter.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's opt-in TLS: the pod serves HTTPS from a mounted Secret (an existing one, or a cert-manager Certificate
 * it renders), probes and the Service's port speak HTTPS, plain HTTP is closed, and KEDA's TriggerAuthentication
 * switches to authMode tls with cert, key and ca from a client-certificate Secret. Runs where a helm binary is given.
 */
class TlsChartTest {

    private static final String MOUNT = "/etc/gitlab-queue-adapter/tls";
    private static final Path README = Readme.README;
    /** Where the TLS example for KEDA (authMode tls) is: the page on TLS and who may read. */
    private static final String TLS_PAGE = "tls-and-auth.md";

    /** A KEDA object of authMode tls: a TriggerAuthentication passing a cert, or a scaler whose trigger says tls. */
    static boolean isTlsMode(JsonNode object) {
        for (JsonNode ref : object.path("spec").path("secretTargetRef")) {
            if (ref.path("parameter").asText().equals("cert")) {
                return true;
            }
        }
        for (JsonNode trigger : object.path("spec").path("triggers")) {
            if (trigger.path("metadata").path("authMode").asText().equals("tls")) {
                return true;
            }
        }
        return false;
    }

    @BeforeAll
    static void needsHelm() {
        Helm.assumeAvailable();
    }

    private static List<JsonNode> render(String... sets) throws Exception {
        return Helm.templateInCi(sets);
    }

    private static Map<String, String> properties(List<JsonNode> docs) {
        Map<String, String> properties = new HashMap<>();
        String file = Helm.one(docs, "ConfigMap")
                .path("data")
                .path("application.properties")
                .asText();
        for (String line : file.split("\n")) {
            int at = line.indexOf('=');
            if (at > 0 && !line.strip().startsWith("#")) {
                properties.put(
                        line.substring(0, at).strip(), line.substring(at + 1).strip());
            }
        }
        return properties;
    }

    private static JsonNode pod(List<JsonNode> docs) {
        return Helm.one(docs, "Deployment").path("spec").path("template").path("spec");
    }

    /** The Secret mounted at the TLS directory, whole (a subPath mount would never see a renewal). */
    private static String mountedTlsSecret(List<JsonNode> docs) {
        JsonNode pod = pod(docs);
        String volume = null;
        for (JsonNode mount : pod.path("containers").get(0).path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(MOUNT)) {
                assertFalse(mount.has("subPath"), "a subPath mount is not updated when the Secret is renewed");
                volume = mount.path("name").asText();
            }
        }
        assertNotNull(volume, "the TLS Secret is mounted at " + MOUNT);
        for (JsonNode v : pod.path("volumes")) {
            if (v.path("name").asText().equals(volume)) {
                return v.path("secret").path("secretName").asText();
            }
        }
        throw new AssertionError("no volume " + volume);
    }

    @Test
    void anExistingSecretServesHttpsOnlyWithProbesAndServiceOnHttps() throws Exception {
        List<JsonNode> docs = render("tls.enabled=true", "tls.existingSecret=adapter-tls");
        assertEquals("adapter-tls", mountedTlsSecret(docs));
        Map<String, String> properties = properties(docs);
        assertEquals(MOUNT + "/tls.crt", properties.get("quarkus.tls.key-store.pem.0.cert"));
        assertEquals(MOUNT + "/tls.key", properties.get("quarkus.tls.key-store.pem.0.key"));
        assertEquals(MOUNT + "/ca.crt", properties.get("quarkus.tls.trust-store.pem.certs"));
        assertEquals("disabled", properties.get("quarkus.http.insecure-requests"));
        assertEquals("1m", properties.get("quarkus.tls.reload-period"));
        assertEquals("request", properties.get("quarkus.http.ssl.client-auth"));

        JsonNode container = pod(docs).path("containers").get(0);
        assertEquals("https", container.path("ports").get(0).path("name").asText());
        assertEquals(
                properties.get("quarkus.http.ssl-port"),
                container.path("ports").get(0).path("containerPort").asText());
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            JsonNode get = container.path(probe).path("httpGet");
            assertEquals("HTTPS", get.path("scheme").asText(), probe);
            assertEquals("https", get.path("port").asText(), probe);
        }
        JsonNode port = Helm.one(docs, "Service").path("spec").path("ports").get(0);
        assertEquals("https", port.path("name").asText());
        assertEquals("https", port.path("targetPort").asText());
        assertEquals(null, Helm.one(docs, "Certificate"), "the Secret exists: no Certificate");
    }

    @Test
    void withoutTlsNothingChanges() throws Exception {
        List<JsonNode> docs = render();
        assertFalse(properties(docs).containsKey("quarkus.http.insecure-requests"));
        JsonNode container = pod(docs).path("containers").get(0);
        assertEquals("http", container.path("ports").get(0).path("name").asText());
        assertEquals(8080, container.path("ports").get(0).path("containerPort").asInt());
        assertEquals(
                "HTTP",
                container.path("readinessProbe").path("httpGet").path("scheme").asText());
    }

    @Test
    void certManagerWritesTheMountedSecretForTheNameKedaReads() throws Exception {
        List<JsonNode> docs = render(
                "tls.enabled=true",
                "tls.certManager.enabled=true",
                "tls.certManager.issuerRef.name=cluster-ca",
                "tls.certManager.issuerRef.kind=ClusterIssuer",
                "adapter.pools.docker.groups={platform}",
                "keda.enabled=true",
                "keda.authentication.clientCertificateSecret=keda-client-cert",
                "keda.scaledJobs[0].name=runner",
                "keda.scaledJobs[0].pool=docker",
                "keda.scaledJobs[0].jobTargetRef.template.spec.containers[0].name=runner");
        JsonNode certificate = Helm.one(docs, "Certificate");
        assertNotNull(certificate);
        assertEquals("cert-manager.io/v1", certificate.path("apiVersion").asText());
        JsonNode spec = certificate.path("spec");
        assertEquals(mountedTlsSecret(docs), spec.path("secretName").asText());
        assertEquals("cluster-ca", spec.path("issuerRef").path("name").asText());
        assertEquals("ClusterIssuer", spec.path("issuerRef").path("kind").asText());

        JsonNode trigger =
                Helm.one(docs, "ScaledJob").path("spec").path("triggers").get(0);
        URI url = URI.create(trigger.path("metadata").path("url").asText());
        assertEquals("https", url.getScheme());
        List<String> names = new ArrayList<>();
        spec.path("dnsNames").forEach(n -> names.add(n.asText()));
        assertTrue(names.contains(url.getHost()), "KEDA checks the host " + url.getHost() + " against " + names);
        assertEquals("tls", trigger.path("metadata").path("authMode").asText());

        JsonNode auth = Helm.one(docs, "TriggerAuthentication");
        assertEquals(
                auth.path("metadata").path("name").asText(),
                trigger.path("authenticationRef").path("name").asText());
        Map<String, String> refs = new HashMap<>();
        for (JsonNode ref : auth.path("spec").path("secretTargetRef")) {
            assertEquals("keda-client-cert", ref.path("name").asText());
            refs.put(ref.path("parameter").asText(), ref.path("key").asText());
        }
        assertEquals(Map.of("cert", "tls.crt", "key", "tls.key", "ca", "ca.crt"), refs, "no API key in tls mode");
        for (JsonNode object : List.of(auth, Helm.one(docs, "ScaledJob"))) {
            assertTrue(
                    KedaSchema.violations(object).isEmpty(),
                    KedaSchema.violations(object).toString());
        }
    }

    @Test
    void aTlsSetupThatCannotWorkIsRefused() throws Exception {
        Map<List<String>, String> refusals = Map.of(
                List.of("--set", "tls.enabled=true"),
                "tls.enabled needs tls.existingSecret",
                List.of("--set", "tls.enabled=true", "--set", "tls.certManager.enabled=true"),
                "tls.certManager.issuerRef.name is required",
                List.of("--set", "keda.enabled=true", "--set", "keda.authentication.clientCertificateSecret=k"),
                "clientCertificateSecret needs tls.enabled");
        Helm.assertRefused(List.of("template", "x", Helm.CHART.toString()), refusals);
    }

    @Test
    void theDocsTlsSnippetReadsTheServiceOverHttpsWithCertKeyAndCa() throws Exception {
        List<String> install = Readme.command(README, "helm", "install");
        List<String> args = new ArrayList<>(install.subList(1, install.size()));
        args.set(0, "template");
        args.addAll(List.of("--set", "tls.enabled=true", "--set", "tls.existingSecret=adapter-tls"));
        List<JsonNode> docs = Helm.documents(Helm.run(args));
        JsonNode service = Helm.one(docs, "Service");
        String host = service.path("metadata").path("name").asText() + ".ci.svc.cluster.local";
        int port = service.path("spec").path("ports").get(0).path("port").asInt();

        List<JsonNode> snippet = new ArrayList<>();
        for (String block : Readme.blocks(Readme.doc(TLS_PAGE), "yaml")) {
            Helm.documents(block).stream().filter(TlsChartTest::isTlsMode).forEach(snippet::add);
        }
        JsonNode auth = Helm.one(snippet, "TriggerAuthentication");
        assertNotNull(auth, "docs/" + TLS_PAGE + " has a TriggerAuthentication for authMode tls");
        Map<String, String> refs = new HashMap<>();
        auth.path("spec")
                .path("secretTargetRef")
                .forEach(r ->
                        refs.put(r.path("parameter").asText(), r.path("key").asText()));
        assertEquals(Map.of("cert", "tls.crt", "key", "tls.key", "ca", "ca.crt"), refs);
        int triggers = 0;
        for (JsonNode object : snippet) {
            assertTrue(
                    KedaSchema.violations(object).isEmpty(),
                    KedaSchema.violations(object).toString());
            assertEquals("ci", object.path("metadata").path("namespace").asText());
            for (JsonNode trigger : object.path("spec").path("triggers")) {
                URI url = URI.create(trigger.path("metadata").path("url").asText());
                assertEquals("https", url.getScheme(), url.toString());
                assertEquals(host, url.getHost(), "the Service the README install creates, a name of its certificate");
                assertEquals(port, url.getPort());
                assertTrue(
                        url.getRawPath().startsWith("/queues/groups/platform"),
                        "a group the README install watches: " + url);
                assertEquals(
                        auth.path("metadata").path("name").asText(),
                        trigger.path("authenticationRef").path("name").asText());
                triggers++;
            }
        }
        assertEquals(1, triggers);
    }
}
