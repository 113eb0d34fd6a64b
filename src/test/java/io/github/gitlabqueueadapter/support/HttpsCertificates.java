package io.github.gitlabqueueadapter.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The adapter's own HTTPS: a CA made for this run, and a server certificate it signed, written as cert-manager writes
 * a Secret ({@code tls.crt}, {@code tls.key}, {@code ca.crt}) into a fresh directory, which the adapter reads with
 * Quarkus's TLS registry. The same CA verifies client certificates. Tests reach the CA, and can replace the server
 * certificate on disk, through the static fields.
 */
public class HttpsCertificates implements QuarkusTestResourceLifecycleManager {

    /** The CA of this run: it signed the server certificate; the adapter trusts the client certificates it signs. */
    public static TestPki ca;

    /** Where tls.crt, tls.key and ca.crt are. */
    public static Path dir;

    @Override
    public Map<String, String> start() {
        try {
            ca = TestPki.authority("adapter-test-ca");
            dir = Files.createTempDirectory("adapter-tls");
            ca.writeSecret(dir, ca.server());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.tls.key-store.pem.0.cert", dir.resolve("tls.crt").toString(),
                "quarkus.tls.key-store.pem.0.key", dir.resolve("tls.key").toString(),
                "quarkus.tls.trust-store.pem.certs", dir.resolve("ca.crt").toString(),
                "quarkus.http.test-ssl-port", "0");
    }

    /** Writes a new server certificate of the same CA over the files; returns it. */
    public static TestPki.Issued replaceServerCertificate() throws IOException {
        TestPki.Issued next = ca.server();
        ca.writeSecret(dir, next);
        return next;
    }

    @Override
    public void stop() {
        // the temporary directory goes with the JVM's temp files; nothing listens on it
    }
}
