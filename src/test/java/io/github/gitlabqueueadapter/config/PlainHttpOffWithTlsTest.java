package io.github.gitlabqueueadapter.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which keys say that the HTTP server has a key store, and so that plain HTTP closes by default. */
class PlainHttpOffWithTlsTest {

    @Test
    void theKeyStoreFilesCountInPropertiesAndEnvironmentForm() {
        assertTrue(PlainHttpOffWithTls.isDefaultKeyStore("quarkus.tls.key-store.pem.0.cert"));
        assertTrue(PlainHttpOffWithTls.isDefaultKeyStore("quarkus.tls.key-store.p12.path"));
        assertTrue(PlainHttpOffWithTls.isDefaultKeyStore("QUARKUS_TLS_KEY_STORE_PEM__0__CERT"));
    }

    @Test
    void settingsWithDefaultsAndTrustStoresDoNot() {
        assertFalse(PlainHttpOffWithTls.isDefaultKeyStore("quarkus.tls.key-store.sni"));
        assertFalse(PlainHttpOffWithTls.isDefaultKeyStore("quarkus.tls.trust-store.pem.certs"));
        assertFalse(PlainHttpOffWithTls.isDefaultKeyStore("quarkus.tls.reload-period"));
    }
}
