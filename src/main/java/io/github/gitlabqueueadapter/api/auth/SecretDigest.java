package io.github.gitlabqueueadapter.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A secret kept as its SHA-256 digest and compared with {@link MessageDigest#isEqual}: neither the time taken nor the
 * lengths tell anything about the secret, and the secret itself is not held after start.
 */
public final class SecretDigest {

    private final byte[] digest;

    private SecretDigest(byte[] digest) {
        this.digest = digest;
    }

    public static SecretDigest of(String secret) {
        return new SecretDigest(sha256(secret));
    }

    /** Whether {@code presented} is the secret; false for null. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
