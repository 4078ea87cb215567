package io.github.twostep.internal.otp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes stored one-time codes and tokens as {@code h1$<salt>$<mac>}: HMAC-SHA256 keyed with a
 * server-side pepper over a random 16-byte salt and the code, both parts Base64url without
 * padding. Without the pepper a leaked record gives nothing to guess against; the salt makes
 * equal codes hash differently. docs/SECURITY.md explains the choice. Thread-safe.
 *
 * <p>The hasher does not normalise: pass codes through {@link CodeFormat#normalize} first (and
 * tokens as they are), the same way when hashing and when matching.
 */
public final class CodeHasher {
    /** The smallest pepper accepted, in bytes. */
    public static final int MIN_PEPPER_BYTES = 32;
    private static final String VERSION = "h1";
    private static final String MAC = "HmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int MAC_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final HmacSha256.Keyed pepper;
    private final SecureRandom random;

    /** A hasher with its own {@link SecureRandom} for salts. */
    public CodeHasher(byte[] pepper) {
        this(pepper, new SecureRandom());
    }

    /** @throws IllegalArgumentException if the pepper is shorter than {@value #MIN_PEPPER_BYTES} bytes */
    public CodeHasher(byte[] pepper, SecureRandom random) {
        Objects.requireNonNull(pepper, "pepper");
        if (pepper.length < MIN_PEPPER_BYTES) {
            throw new IllegalArgumentException("pepper must have at least " + MIN_PEPPER_BYTES + " bytes");
        }
        this.pepper = new HmacSha256.Keyed(new SecretKeySpec(pepper, MAC));
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new salted hash of the code; hashing the same code twice gives different strings. */
    public String hash(String normalizedCode) {
        Objects.requireNonNull(normalizedCode, "normalizedCode");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return VERSION + '$' + ENCODER.encodeToString(salt) + '$'
                + ENCODER.encodeToString(mac(salt, normalizedCode));
    }

    /**
     * Whether the candidate is the code behind a stored hash, compared in constant time.
     * A null candidate or a stored value in an unknown format never matches.
     */
    public boolean matches(String candidate, String storedHash) {
        if (candidate == null || storedHash == null) {
            return false;
        }
        String[] parts = storedHash.split("\\$", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            return false;
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = DECODER.decode(parts[1]);
            expected = DECODER.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (salt.length != SALT_BYTES || expected.length != MAC_BYTES) {
            return false;
        }
        return MessageDigest.isEqual(expected, mac(salt, candidate));
    }

    private byte[] mac(byte[] salt, String code) {
        return pepper.of(salt, code.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "CodeHasher[" + VERSION + ", HmacSHA256, pepper hidden]";
    }
}
