package io.github.gitlabqueueadapter.gitlab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A trust store of the JVM's own CAs plus those of a PEM file. The REST client's trust store replaces the JVM's
 * trust entirely, so the JVM's CAs are copied in: a private CA is added to, not substituted for, the public ones.
 */
public final class PemTrust {

    private PemTrust() {}

    /** The certificates of a PEM file; at least one, or an exception that says what is wrong. */
    public static List<X509Certificate> read(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> x509 = new ArrayList<>();
            for (Certificate certificate : certificates) {
                x509.add((X509Certificate) certificate);
            }
            if (x509.isEmpty()) {
                throw new GeneralSecurityException("no PEM certificate in the file");
            }
            return x509;
        }
    }

    /** The JVM's trusted CAs and the file's, in one in-memory store. */
    static KeyStore withJvmDefaults(Path pem) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("JKS");
        store.load(null, null);
        int n = 0;
        for (X509Certificate ca : jvmDefaultCas()) {
            store.setCertificateEntry("jvm-" + n++, ca);
        }
        for (X509Certificate ca : read(pem)) {
            store.setCertificateEntry("gitlab-ca-" + n++, ca);
        }
        return store;
    }

    private static List<X509Certificate> jvmDefaultCas() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        List<X509Certificate> cas = new ArrayList<>();
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                cas.addAll(List.of(x509.getAcceptedIssuers()));
            }
        }
        return cas;
    }
}
