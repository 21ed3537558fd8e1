package io.tasker.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes and hashes API key secrets: {@code tsk_} and 32 random bytes in URL-safe Base64 (256 bits, so a plain
 * SHA-256 is enough: nothing to brute-force, unlike a password). Only the hash is stored.
 */
public final class KeySecrets {

    public static final String SCHEME = "tsk_";
    public static final int RANDOM_BYTES = 32;
    /** How much of a key is kept in clear to tell keys apart: the scheme and 8 characters. */
    public static final int PREFIX_LENGTH = SCHEME.length() + 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeySecrets() {
    }

    public static String newSecret() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return SCHEME + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String prefix(String secret) {
        return secret.substring(0, Math.min(PREFIX_LENGTH, secret.length()));
    }

    /** Lower-case hex SHA-256 of the key as sent. */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
