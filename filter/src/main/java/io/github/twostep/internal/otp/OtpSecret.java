package io.github.twostep.internal.otp;

import io.github.twostep.config.Algorithm;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;
import org.apache.commons.codec.CodecPolicy;
import org.apache.commons.codec.binary.Base32;

/**
 * The shared secret of an authenticator app: raw key bytes, written as upper-case Base32
 * without padding. Immutable; {@link #toString()} never shows the value.
 */
public final class OtpSecret {
    /** RFC 4226 R6: a shared secret has at least 128 bits. */
    public static final int MIN_BYTES = 16;
    /** Far above any algorithm's block size; guards against absurd input. */
    public static final int MAX_BYTES = 256;

    private static final Base32 BASE32 =
            new Base32(0, null, false, (byte) '=', CodecPolicy.STRICT);

    private final byte[] bytes;

    private OtpSecret(byte[] bytes) {
        if (bytes.length < MIN_BYTES) {
            throw new InvalidSecretException(
                    "Secret is too short: at least " + MIN_BYTES * 8 + " bits are required");
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidSecretException("Secret is too long: at most " + MAX_BYTES + " bytes");
        }
        this.bytes = bytes;
    }

    /** A new random secret as long as the algorithm's hash output (20, 32 or 64 bytes). */
    public static OtpSecret generate(Algorithm algorithm, SecureRandom random) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(random, "random");
        byte[] bytes = new byte[algorithm.secretBytes()];
        random.nextBytes(bytes);
        return new OtpSecret(bytes);
    }

    /** A secret holding a copy of the given key bytes. */
    public static OtpSecret of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new OtpSecret(bytes.clone());
    }

    /**
     * Parses Base32 as a person might type it: spaces and dashes are ignored, lower case is
     * accepted, trailing {@code =} padding is optional.
     *
     * @throws InvalidSecretException if the text is not Base32 or decodes to a bad length;
     *     the message never contains the text
     */
    public static OtpSecret fromBase32(String text) {
        Objects.requireNonNull(text, "text");
        String canonical = canonicalBase32(text);
        if (canonical.isEmpty()) {
            throw new InvalidSecretException("Secret is empty");
        }
        if (!BASE32.isInAlphabet(canonical) || !hasPossibleLength(canonical.length())) {
            throw new InvalidSecretException(
                    "Secret is not valid Base32: use letters A-Z and digits 2-7 only");
        }
        try {
            return new OtpSecret(BASE32.decode(canonical));
        } catch (IllegalArgumentException e) {
            // Thrown by the strict policy for a last character with stray bits: likely a typo.
            throw new InvalidSecretException("Secret is not valid Base32: the last character is wrong");
        }
    }

    /** The secret as upper-case Base32 without padding, as authenticator apps expect it. */
    public String toBase32() {
        String padded = BASE32.encodeToString(bytes);
        int end = padded.indexOf('=');
        return end < 0 ? padded : padded.substring(0, end);
    }

    /** A copy of the raw key bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Number of key bytes. */
    public int length() {
        return bytes.length;
    }

    /** Bytes without copying, for this package's HMAC set-up only. */
    byte[] rawBytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OtpSecret that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return "OtpSecret[" + bytes.length + " bytes, value hidden]";
    }

    private static String canonicalBase32(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '-' || c == '\t') {
                continue;
            }
            out.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c);
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '=') {
            end--;
        }
        return out.substring(0, end);
    }

    /** Unpadded Base32 never ends in a group of 1, 3 or 6 characters. */
    private static boolean hasPossibleLength(int length) {
        int rest = length % 8;
        return rest != 1 && rest != 3 && rest != 6;
    }
}
