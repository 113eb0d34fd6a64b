package io.github.gitlabqueueadapter.api.auth;

import io.github.gitlabqueueadapter.config.AuthConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The credentials a reader may present, checked the ways KEDA sends them: an API key in a header, in a query
 * parameter or as a Bearer token, or Basic user and password. Every comparison is a {@link SecretDigest} one, and all
 * configured keys are always compared.
 */
public final class Credentials {

    /** What a request presented; any field may be null. */
    public record Presented(String headerKey, String queryKey, String authorization) {}

    private final List<SecretDigest> keys;
    private final SecretDigest basic;

    public Credentials(AuthConfig auth) {
        this.keys = auth.apiKeys().orElse(List.of()).stream()
                .map(String::strip)
                .filter(k -> !k.isEmpty())
                .map(SecretDigest::of)
                .toList();
        Optional<String> user = auth.basic().username();
        Optional<String> password = auth.basic().password();
        this.basic =
                user.isPresent() && password.isPresent() ? SecretDigest.of(user.get() + ":" + password.get()) : null;
    }

    /** Whether any credential is configured: without one, every reader is let in. */
    public boolean required() {
        return !keys.isEmpty() || basic != null;
    }

    public boolean basicEnabled() {
        return basic != null;
    }

    /** Whether the request may read: nothing is required, or one presented credential matches. */
    public boolean accepts(Presented presented) {
        if (!required()) {
            return true;
        }
        boolean accepted = matchesKey(presented.headerKey()) | matchesKey(presented.queryKey());
        String authorization = presented.authorization();
        if (authorization != null) {
            String value = authorization.strip();
            if (startsWithIgnoreCase(value, "Bearer ")) {
                accepted |= matchesKey(value.substring(7).strip());
            } else if (startsWithIgnoreCase(value, "Basic ") && basic != null) {
                accepted |= basic.matches(decodeBasic(value.substring(6).strip()));
            }
        }
        return accepted;
    }

    private boolean matchesKey(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return false;
        }
        boolean match = false;
        for (SecretDigest key : keys) {
            match |= key.matches(candidate); // every key is compared: no early exit
        }
        return match;
    }

    private static String decodeBasic(String encoded) {
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static boolean startsWithIgnoreCase(String value, String prefix) {
        return value.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
