package io.github.twostep.internal.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The per-session anti-forgery token: 32 random bytes, URL-safe Base64. Every state-changing
 * call carries it in the {@code X-CSRF-Token} header (forms: the {@code _csrf} field) and it is
 * compared in constant time with the session's token.
 */
public final class CsrfToken {
    /** Header that API clients send the token in. */
    public static final String HEADER = "X-CSRF-Token";
    /** Form field that HTML forms send the token in. */
    public static final String FIELD = "_csrf";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 32;

    private CsrfToken() {
    }

    /** A new random token. */
    public static String newToken() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code presented} equals the session's {@code expected} token; false when either is missing. */
    public static boolean matches(String expected, String presented) {
        if (expected == null || presented == null || expected.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
