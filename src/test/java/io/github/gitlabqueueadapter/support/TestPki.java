package io.github.gitlabqueueadapter.support;

import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made for one test run, and the certificates it signs (Bouncy Castle, in memory): no private
 * key is ever committed. PEM files as cert-manager writes them ({@code tls.crt}, {@code tls.key}, {@code ca.crt}),
 * and HTTP clients that present a certificate, or none.
 */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A certificate and its private key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {}

    private final Issued ca;

    private TestPki(Issued ca) {
        this.ca = ca;
    }

    /** A new self-signed CA, valid from an hour ago for two days. */
    public static TestPki authority(String name) {
        KeyPair pair = keyPair();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + name);
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            subject,
                            serial(),
                            Date.from(now.minus(Duration.ofHours(1))),
                            Date.from(now.plus(Duration.ofDays(2))),
                            subject,
                            pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new TestPki(new Issued(sign(builder, pair.getPrivate()), pair.getPrivate()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate certificate() {
        return ca.certificate();
    }

    /** A server certificate for localhost and 127.0.0.1, valid from an hour ago for a day. */
    public Issued server() {
        Instant now = Instant.now();
        return issue("localhost", now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), true);
    }

    /** A client certificate valid from an hour ago for a day. */
    public Issued client(String name) {
        Instant now = Instant.now();
        return issue(name, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), false);
    }

    /** A client certificate that expired an hour ago. */
    public Issued expiredClient(String name) {
        Instant now = Instant.now();
        return issue(name, now.minus(Duration.ofDays(2)), now.minus(Duration.ofHours(1)), false);
    }

    private Issued issue(String name, Instant notBefore, Instant notAfter, boolean server) {
        KeyPair pair = keyPair();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            ca.certificate(),
                            serial(),
                            Date.from(notBefore),
                            Date.from(notAfter),
                            new X500Name("CN=" + name),
                            pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(
                            Extension.extendedKeyUsage,
                            false,
                            new ExtendedKeyUsage(
                                    server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
            if (server) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                }));
            }
            return new Issued(sign(builder, ca.key()), pair.getPrivate());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes {@code tls.crt}, {@code tls.key} and {@code ca.crt} into {@code dir}, each by an atomic rename as the
     * kubelet swaps a mounted Secret, so a reader never sees half a file.
     */
    public void writeSecret(Path dir, Issued issued) throws IOException {
        replace(dir.resolve("tls.crt"), pem("CERTIFICATE", encoded(issued.certificate())));
        replace(dir.resolve("tls.key"), pem("PRIVATE KEY", issued.key().getEncoded()));
        replace(dir.resolve("ca.crt"), pem("CERTIFICATE", encoded(ca.certificate())));
    }

    /** An HTTP client that trusts {@code trusted} and presents {@code presented} (none when null). */
    public static HttpClient client(X509Certificate trusted, Issued presented) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", trusted);
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] password = "test".toCharArray();
            if (presented != null) {
                keys.setKeyEntry("client", presented.key(), password, new X509Certificate[] {presented.certificate()});
            }
            keyManagers.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
            return HttpClient.newBuilder()
                    .sslContext(context)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void replace(Path file, String content) throws IOException {
        Path next = file.resolveSibling("." + file.getFileName() + ".next");
        Files.writeString(next, content, StandardCharsets.US_ASCII);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(key);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
