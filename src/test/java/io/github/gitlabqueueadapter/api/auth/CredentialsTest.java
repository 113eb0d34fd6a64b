package io.github.gitlabqueueadapter.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gitlabqueueadapter.support.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialsTest {

    private static final String OLD = "old-key-0123456789abcdef";
    private static final String NEW = "new-key-0123456789abcdef";
    private final Credentials credentials = credentials(
            "adapter.auth.api-keys", OLD + "," + NEW,
            "adapter.auth.basic.username", "keda",
            "adapter.auth.basic.password", "s3cret-pass");

    private static Credentials credentials(String... keyValues) {
        return new Credentials(TestConfigs.adapter(keyValues).auth());
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "header={0} query={1} authorization={2} -> {3}")
    @CsvSource(
            nullValues = "-",
            value = {
                // KEDA authMode apiKey, header placement; both keys of a rotation
                "old-key-0123456789abcdef, -, -, true",
                "new-key-0123456789abcdef, -, -, true",
                // KEDA apiKey with method: query
                "-, new-key-0123456789abcdef, -, true",
                // KEDA authMode bearer, any case of the scheme
                "-, -, Bearer new-key-0123456789abcdef, true",
                "-, -, bearer old-key-0123456789abcdef, true",
                // wrong, partial, padded, empty
                "wrong-key-0123456789abcde, -, -, false",
                "old-key-0123456789abcde, -, -, false",
                "old-key-0123456789abcdef0, -, -, false",
                "'', '', '', false",
                "-, -, -, false",
                "-, -, Bearer, false",
                "-, -, Token old-key-0123456789abcdef, false",
                // a wrong credential in one place does not spoil a right one in another
                "wrong, new-key-0123456789abcdef, -, true"
            })
    void acceptsAKeyInAnyOfKedasPlacements(String header, String query, String authorization, boolean accepted) {
        assertEquals(accepted, credentials.accepts(new Credentials.Presented(header, query, authorization)));
    }

    @Test
    void acceptsBasicOnlyWithBothParts() {
        assertTrue(credentials.accepts(new Credentials.Presented(null, null, basic("keda:s3cret-pass"))));
        assertFalse(credentials.accepts(new Credentials.Presented(null, null, basic("keda:wrong"))));
        assertFalse(credentials.accepts(new Credentials.Presented(null, null, basic("keda"))));
        assertFalse(credentials.accepts(new Credentials.Presented(null, null, "Basic not-base64!")));
        assertFalse(
                credentials.accepts(new Credentials.Presented(null, null, basic(OLD + ":"))),
                "an API key is not a Basic user name");
    }

    @Test
    void withNothingConfiguredEveryoneReads() {
        Credentials open = credentials();
        assertFalse(open.required());
        assertTrue(open.accepts(new Credentials.Presented(null, null, null)));
    }

    @Test
    void basicAloneIsACredential() {
        Credentials basicOnly =
                credentials("adapter.auth.basic.username", "keda", "adapter.auth.basic.password", "s3cret-pass");
        assertTrue(basicOnly.required());
        assertFalse(basicOnly.accepts(new Credentials.Presented("anything", null, null)));
    }
}
