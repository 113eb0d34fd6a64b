package io.github.gitlabqueueadapter.api.auth;

import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Client certificates as a reader's credential. The TLS handshake asks every HTTPS client for one
 * ({@code quarkus.http.ssl.client-auth=request}, fixed when the application is built) and refuses one that does not
 * chain to the trust store (another CA, expired); a client without one completes the handshake and is judged here.
 *
 * <p>{@code quarkus.http.ssl.client-auth} as the user sets it when the adapter runs (Quarkus itself only reads it at
 * build time, and logs that a changed value is ignored) says what a certificate counts for: {@code required}, every
 * protected path needs one; {@code request} (the default), one counts like an API key; {@code none}, it never counts.
 * A certificate counts only where the HTTP server has a trust store of its own to verify it: without one the JVM's
 * public CAs would vouch for it.
 */
@Singleton
public class ClientCertificates {

    /** The key, as Quarkus names it. */
    public static final String CLIENT_AUTH = "quarkus.http.ssl.client-auth";

    static final String TLS_CONFIGURATION_NAME = "quarkus.http.tls-configuration-name";

    /** The config source in which Quarkus keeps the build-time value of build-time-fixed keys. */
    private static final String BUILD_TIME_FIXED = "BuildTime RunTime Fixed";

    /** What a verified client certificate is worth. */
    public enum Mode {
        NONE,
        REQUEST,
        REQUIRED
    }

    private final Mode mode;
    private final boolean https;
    private final boolean trustStore;
    private final String value;

    @Inject
    ClientCertificates(TlsConfigurationRegistry registry) {
        this(ConfigProvider.getConfig(), registry);
    }

    ClientCertificates(Config config, TlsConfigurationRegistry registry) {
        this.value = setAtRunTime(config, CLIENT_AUTH).orElse("request");
        this.mode = parse(value);
        Optional<TlsConfiguration> server = httpServerTls(config, registry);
        this.https = server.map(c -> c.getKeyStoreOptions() != null).orElse(false);
        this.trustStore = https && server.get().getTrustStoreOptions() != null;
    }

    /** For tests without Quarkus: a mode, with HTTPS and a trust store or without. */
    ClientCertificates(Mode mode, boolean trustStore) {
        this.value = mode.name().toLowerCase(Locale.ROOT);
        this.mode = mode;
        this.https = trustStore;
        this.trustStore = trustStore;
    }

    /** The value set when the adapter runs ({@code request} when none is), as written. */
    public String value() {
        return value;
    }

    /** What {@link #value()} means; empty when it is none of none, request and required. */
    public Optional<Mode> mode() {
        return Optional.ofNullable(mode);
    }

    /** The HTTP server has a trust store to verify client certificates with. */
    public boolean trustStore() {
        return trustStore;
    }

    /** Every protected path needs a verified client certificate. */
    public boolean required() {
        return mode == Mode.REQUIRED;
    }

    /** A verified client certificate is a credential on its own. */
    public boolean counted() {
        return mode != Mode.NONE && mode != null && trustStore;
    }

    public boolean https() {
        return https;
    }

    /** Whether the request came over a TLS connection whose client presented a certificate the handshake verified. */
    public boolean presentedBy(HttpServerRequest request) {
        if (!counted() || !request.isSSL()) {
            return false;
        }
        SSLSession session = request.sslSession();
        if (session == null) {
            return false;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return false;
            }
            leaf.checkValidity(); // a keep-alive connection may outlive the certificate it was opened with
            return true;
        } catch (SSLPeerUnverifiedException | CertificateException none) {
            return false;
        }
    }

    static Mode parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "none" -> Mode.NONE;
            case "request" -> Mode.REQUEST;
            case "required" -> Mode.REQUIRED;
            default -> null;
        };
    }

    /** The TLS configuration the HTTP server uses: a named one, else the default one when it has a key store. */
    private static Optional<TlsConfiguration> httpServerTls(Config config, TlsConfigurationRegistry registry) {
        Optional<String> name = config.getOptionalValue(TLS_CONFIGURATION_NAME, String.class);
        return name.isPresent() ? registry.get(name.get()) : registry.getDefault();
    }

    /**
     * A key's value as the running process was given it (system property, environment, a properties file), passing
     * over the value Quarkus fixed at build time for a build-time key.
     */
    static Optional<String> setAtRunTime(Config config, String name) {
        for (ConfigSource source : config.getConfigSources()) {
            if (source.getName() != null && source.getName().startsWith(BUILD_TIME_FIXED)) {
                continue;
            }
            String value = source.getValue(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.strip());
            }
        }
        return Optional.empty();
    }
}
