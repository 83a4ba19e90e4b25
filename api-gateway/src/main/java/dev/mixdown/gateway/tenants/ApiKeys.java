package dev.mixdown.gateway.tenants;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** API keys: random, shown once, stored as SHA-256. */
public final class ApiKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public static String generate() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return "mxd_" + HexFormat.of().formatHex(b);
    }

    /** The key's public id (listing, revoking): the first 16 hex digits of its hash, which tell nothing of the key. */
    public static String idOf(String hash) {
        return hash.substring(0, 16);
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
