package io.github.gitlabqueueadapter;

import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.Ports;
import io.github.gitlabqueueadapter.support.TestPki;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mutual TLS as a container runs the packaged jar: the certificate files and {@code quarkus.http.ssl.client-auth=
 * required} arrive as environment variables when the adapter starts, long after Quarkus fixed that key at build time.
 * It must still hold: only a client certificate from the trusted CA reads; no certificate (even with an API key) and
 * another CA's get no number; plain HTTP is closed; the probes' health endpoint answers without a certificate.
 */
class TlsPackagedIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final String KEY = "tls-it-api-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WireMockServer gitlab;
    private static Process adapter;
    private static Path log;
    private static TestPki ca;
    private static int plainPort;
    private static int tlsPort;

    @BeforeAll
    static void start() throws Exception {
        gitlab =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        gitlab.start();
        new GitLabStubs(gitlab).jobs("it/tls", pendingJob(1), pendingJob(2));
        ca = TestPki.authority("packaged-test-ca");
        Path secret = Files.createTempDirectory("adapter-secret");
        ca.writeSecret(secret, ca.server());
        log = Files.createTempFile("adapter-tls", ".log");
        plainPort = Ports.free();
        tlsPort = Ports.free();
        Map<String, String> env = new HashMap<>();
        env.put("GITLAB_URL", gitlab.baseUrl());
        env.put("ADAPTER_PROJECTS", "it/tls");
        env.put("ADAPTER_AUTH_API_KEYS", KEY);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(plainPort));
        env.put("QUARKUS_HTTP_SSL_PORT", String.valueOf(tlsPort));
        // "0" is a map key: in an environment variable it is quoted, which is written as two underscores each side
        env.put("QUARKUS_TLS_KEY_STORE_PEM__0__CERT", secret.resolve("tls.crt").toString());
        env.put("QUARKUS_TLS_KEY_STORE_PEM__0__KEY", secret.resolve("tls.key").toString());
        env.put("QUARKUS_TLS_TRUST_STORE_PEM_CERTS", secret.resolve("ca.crt").toString());
        env.put("QUARKUS_HTTP_SSL_CLIENT_AUTH", "required");
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        adapter = builder.start();
        HttpClient keda = TestPki.client(ca.certificate(), ca.client("keda"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .ignoreExceptions()
                .until(() -> get(keda, "/queues/projects/it%2Ftls").statusCode() == 200);
    }

    @AfterAll
    static void stop() {
        if (adapter != null) {
            adapter.destroyForcibly();
        }
        if (gitlab != null) {
            gitlab.stop();
        }
    }

    private static HttpResponse<String> get(HttpClient client, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + tlsPort + path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClientCertificateFromTheTrustedCaReadsTheNumber() throws Exception {
        HttpResponse<String> response =
                get(TestPki.client(ca.certificate(), ca.client("keda")), "/queues/projects/it%2Ftls");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, JSON.readTree(response.body()).path("pending").asInt());
    }

    @Test
    void withoutACertificateEvenAnApiKeyGets401Json() throws Exception {
        HttpClient noCertificate = TestPki.client(ca.certificate(), null);
        for (String[] headers : new String[][] {{}, {"X-API-KEY", KEY}}) {
            HttpResponse<String> response = get(noCertificate, "/queues/projects/it%2Ftls", headers);
            assertEquals(401, response.statusCode(), response.body());
            assertEquals(
                    "unauthorized", JSON.readTree(response.body()).path("error").asText());
        }
    }

    @Test
    void aCertificateFromAnotherCaGetsNoNumber() throws Exception {
        HttpClient intruder =
                TestPki.client(ca.certificate(), TestPki.authority("foreign-ca").client("keda"));
        try {
            HttpResponse<String> response = get(intruder, "/queues/projects/it%2Ftls");
            assertEquals(401, response.statusCode(), response.body());
        } catch (IOException refusedInTheHandshake) {
            // refused before any request was read
        }
    }

    @Test
    void theHealthEndpointsAnswerTheProbesWithoutACertificate() throws Exception {
        assertEquals(
                200,
                get(TestPki.client(ca.certificate(), null), "/q/health/ready").statusCode());
    }

    @Test
    void plainHttpIsClosed() {
        Ports.assertClosed(plainPort);
    }

    @Test
    void theLogSaysTheAdapterEnforcesTheKeyAndNamesNoSecret() throws Exception {
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(out.contains("quarkus.http.ssl.client-auth=required: every endpoint but the webhook"), out);
        assertFalse(out.contains(KEY), "no API key in the log");
        assertFalse(out.contains("PRIVATE KEY"), "no private key in the log");
    }
}
