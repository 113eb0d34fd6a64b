package io.github.gitlabqueueadapter.api.auth;

import static io.github.gitlabqueueadapter.support.GitLabStubs.pendingJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gitlabqueueadapter.domain.ProjectRef;
import io.github.gitlabqueueadapter.poll.QueuePoller;
import io.github.gitlabqueueadapter.support.GitLabStubs;
import io.github.gitlabqueueadapter.support.GitLabWireMock;
import io.github.gitlabqueueadapter.support.HttpsCertificates;
import io.github.gitlabqueueadapter.support.InjectWireMock;
import io.github.gitlabqueueadapter.support.Ports;
import io.github.gitlabqueueadapter.support.TestPki;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The adapter on HTTPS from PEM files, as KEDA's metrics-api scaler reads it in {@code authMode: tls}: a client
 * certificate from the trusted CA is a credential on its own, beside the API keys; no certificate, another CA's or an
 * expired one gets no number; plain HTTP is closed; a server certificate replaced on disk is served without a restart.
 */
@QuarkusTest
@TestProfile(TlsEndpointTest.HttpsWithKeys.class)
@WithTestResource(GitLabWireMock.class)
@WithTestResource(HttpsCertificates.class)
class TlsEndpointTest {

    static final String KEY = "tls-test-api-key-0123456789";
    static final String PROJECT = "it/tls-read";
    static final int PLAIN_PORT = Ports.free();

    /** API keys configured, HTTPS on; the plain port is fixed so that the test can see it stays closed. */
    public static class HttpsWithKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "adapter.auth.api-keys",
                    KEY,
                    "adapter.projects",
                    PROJECT,
                    "quarkus.http.test-port",
                    String.valueOf(PLAIN_PORT),
                    "quarkus.tls.reload-period",
                    "1s");
        }
    }

    @InjectWireMock
    GitLabStubs gitlab;

    @Inject
    QueuePoller poller;

    @Inject
    ObjectMapper mapper;

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    private HttpResponse<String> get(HttpClient client, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(https.toString()).resolve(path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void polledWithTwoPending() {
        gitlab.jobs(PROJECT, pendingJob(5), pendingJob(9));
        poller.poll(ProjectRef.parse(PROJECT));
    }

    /** No number: the handshake refused the client, or the adapter answered 401 JSON. */
    private void assertNoNumber(HttpClient client) throws Exception {
        HttpResponse<String> response;
        try {
            response = get(client, "/queues/projects/it%2Ftls-read");
        } catch (IOException refusedInTheHandshake) {
            return;
        }
        assertEquals(401, response.statusCode(), response.body());
        assertEquals(
                "unauthorized", mapper.readTree(response.body()).path("error").asText());
    }

    @Test
    void aClientCertificateFromTheTrustedCaReadsTheNumberOverHttps() throws Exception {
        polledWithTwoPending();
        HttpClient keda = TestPki.client(HttpsCertificates.ca.certificate(), HttpsCertificates.ca.client("keda"));
        HttpResponse<String> response = get(keda, "/queues/projects/it%2Ftls-read");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, mapper.readTree(response.body()).path("pending").asInt());
    }

    @Test
    void withoutACertificateTheReaderGets401JsonAndAnApiKeyStillReads() throws Exception {
        polledWithTwoPending();
        HttpClient plain = TestPki.client(HttpsCertificates.ca.certificate(), null);
        HttpResponse<String> refused = get(plain, "/queues/projects/it%2Ftls-read");
        assertEquals(401, refused.statusCode());
        JsonNode body = mapper.readTree(refused.body());
        assertEquals("unauthorized", body.path("error").asText());
        assertTrue(body.path("message").asText().contains("client certificate"), refused.body());

        HttpResponse<String> withKey = get(plain, "/queues/projects/it%2Ftls-read", "X-API-KEY", KEY);
        assertEquals(200, withKey.statusCode(), withKey.body());
        assertEquals(2, mapper.readTree(withKey.body()).path("pending").asInt());
    }

    @Test
    void aCertificateFromAnotherCaGetsNoNumber() throws Exception {
        polledWithTwoPending();
        TestPki foreign = TestPki.authority("foreign-ca");
        assertNoNumber(TestPki.client(HttpsCertificates.ca.certificate(), foreign.client("keda")));
    }

    @Test
    void anExpiredCertificateFromTheTrustedCaGetsNoNumber() throws Exception {
        polledWithTwoPending();
        assertNoNumber(TestPki.client(HttpsCertificates.ca.certificate(), HttpsCertificates.ca.expiredClient("keda")));
    }

    @Test
    void healthAnswersWithoutACertificateForTheKubeletsProbes() throws Exception {
        HttpClient probe = TestPki.client(HttpsCertificates.ca.certificate(), null);
        assertEquals(200, get(probe, "/q/health/live").statusCode());
    }

    @Test
    void plainHttpIsClosedWhileHttpsIsOn() {
        Ports.assertClosed(PLAIN_PORT);
    }

    @Test
    void aServerCertificateReplacedOnDiskIsServedWithoutARestart() throws Exception {
        BigInteger before = servedCertificate().getSerialNumber();
        X509Certificate next = HttpsCertificates.replaceServerCertificate().certificate();
        assertFalse(before.equals(next.getSerialNumber()));
        AtomicReference<BigInteger> served = new AtomicReference<>(before);
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    served.set(servedCertificate().getSerialNumber());
                    return served.get().equals(next.getSerialNumber());
                });
        // the new certificate serves the same readers: a trusted client still reads, one without a certificate not
        polledWithTwoPending();
        HttpClient keda = TestPki.client(HttpsCertificates.ca.certificate(), HttpsCertificates.ca.client("keda"));
        assertEquals(200, get(keda, "/queues/projects/it%2Ftls-read").statusCode());
        assertNoNumber(TestPki.client(HttpsCertificates.ca.certificate(), null));
    }

    /** The certificate the adapter presents to a new connection. */
    private X509Certificate servedCertificate() throws Exception {
        HttpClient client = TestPki.client(HttpsCertificates.ca.certificate(), null);
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(https.getHost(), https.getPort()), 5000);
            raw.setSoTimeout(5000);
            try (SSLSocket socket = (SSLSocket)
                    client.sslContext().getSocketFactory().createSocket(raw, https.getHost(), https.getPort(), false)) {
                socket.startHandshake();
                return (X509Certificate) socket.getSession().getPeerCertificates()[0];
            }
        }
    }
}
