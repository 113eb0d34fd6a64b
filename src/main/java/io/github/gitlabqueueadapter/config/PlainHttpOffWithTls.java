package io.github.gitlabqueueadapter.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import java.util.Iterator;
import java.util.Locale;

/**
 * Once the HTTP server has a key store (HTTPS is on), {@code quarkus.http.insecure-requests} defaults to
 * {@code disabled}: the plain HTTP port closes, so a client without a certificate cannot read over {@code http://}
 * what HTTPS would refuse it. Quarkus's own default keeps plain HTTP open unless client authentication is
 * {@code required} at build time. A value the user sets ({@code enabled} to serve both, {@code redirect}) wins.
 * Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceInterceptor}.
 */
public final class PlainHttpOffWithTls implements ConfigSourceInterceptor {

    static final String INSECURE_REQUESTS = "quarkus.http.insecure-requests";
    private static final String DEFAULT_KEY_STORE = "quarkus.tls.key-store.";
    private static final String NAMED_CONFIGURATION = "quarkus.http.tls-configuration-name";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value != null || !INSECURE_REQUESTS.equals(name) || !httpsOn(context)) {
            return value;
        }
        return ConfigValue.builder()
                .withName(name)
                .withValue("disabled")
                .withConfigSourceName(PlainHttpOffWithTls.class.getSimpleName())
                .build();
    }

    /** A key store for the HTTP server: the default TLS configuration's, or a named one the server uses. */
    private static boolean httpsOn(ConfigSourceInterceptorContext context) {
        ConfigValue named = context.proceed(NAMED_CONFIGURATION);
        if (named != null && named.getValue() != null && !named.getValue().isBlank()) {
            return true;
        }
        Iterator<String> names = context.iterateNames();
        while (names.hasNext()) {
            String key = names.next();
            if (isDefaultKeyStore(key) && isGiven(context.proceed(key))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A file of the default key store: {@code quarkus.tls.key-store.pem.0.cert}, {@code ...p12.path} (or {@code jks},
     * {@code pfx}), also as an environment variable ({@code QUARKUS_TLS_KEY_STORE_PEM__0__CERT}). Not its other
     * settings, which have defaults ({@code quarkus.tls.key-store.sni=false}) whether HTTPS is on or not.
     */
    static boolean isDefaultKeyStore(String name) {
        String dotted = name.toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
        String prefix = DEFAULT_KEY_STORE.replace('-', '.');
        if (!dotted.startsWith(prefix)) {
            return false;
        }
        String store = dotted.substring(prefix.length());
        return store.startsWith("pem.")
                || store.startsWith("p12.")
                || store.startsWith("jks.")
                || store.startsWith("pfx.");
    }

    /** Set by the user, not a default of Quarkus's. */
    private static boolean isGiven(ConfigValue value) {
        return value != null
                && value.getValue() != null
                && !value.getValue().isBlank()
                && value.getConfigSourceOrdinal() > Integer.MIN_VALUE;
    }
}
