package io.github.twostep.internal.otp;

import io.github.twostep.TwoStepException;
import io.github.twostep.config.Algorithm;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC (RFC 2104) of an 8-byte counter with the key's inner and outer pad blocks computed once.
 *
 * <p>Built on {@link MessageDigest} rather than {@code javax.crypto.Mac}: the JDK digest uses the
 * CPU's SHA instructions just the same, while this class writes into its own buffers, so one
 * evaluation allocates nothing. Not thread-safe: {@link Hotp} guards it.
 */
final class Hmac {
    private final MessageDigest digest;
    private final byte[] innerPad;
    private final byte[] outerPad;
    private final byte[] counter = new byte[8];
    private final byte[] hash;

    Hmac(Algorithm algorithm, byte[] key) {
        this.digest = newDigest(algorithm);
        int blockSize = algorithm == Algorithm.SHA512 ? 128 : 64;
        byte[] blockKey = key.length > blockSize ? digest.digest(key) : key;
        this.innerPad = new byte[blockSize];
        this.outerPad = new byte[blockSize];
        for (int i = 0; i < blockSize; i++) {
            byte k = i < blockKey.length ? blockKey[i] : 0;
            innerPad[i] = (byte) (k ^ 0x36);
            outerPad[i] = (byte) (k ^ 0x5c);
        }
        if (blockKey != key) {
            Arrays.fill(blockKey, (byte) 0);
        }
        this.hash = new byte[digest.getDigestLength()];
    }

    /** HMAC of the big-endian counter, dynamically truncated to 31 bits (RFC 4226 5.3). */
    int truncated(long value) {
        byte[] mac = mac(value);
        int offset = mac[mac.length - 1] & 0x0f;
        return (mac[offset] & 0x7f) << 24
                | (mac[offset + 1] & 0xff) << 16
                | (mac[offset + 2] & 0xff) << 8
                | (mac[offset + 3] & 0xff);
    }

    /** The full HMAC of the big-endian counter, in a buffer reused by the next call. */
    byte[] mac(long value) {
        for (int i = 7; i >= 0; i--) {
            counter[i] = (byte) value;
            value >>>= 8;
        }
        try {
            digest.update(innerPad);
            digest.update(counter);
            digest.digest(hash, 0, hash.length);
            digest.update(outerPad);
            digest.update(hash);
            digest.digest(hash, 0, hash.length);
        } catch (java.security.DigestException e) {
            throw new TwoStepException("Digest refused its own output length", e);
        }
        return hash;
    }

    private static MessageDigest newDigest(Algorithm algorithm) {
        String name = switch (algorithm) {
            case SHA1 -> "SHA-1";
            case SHA256 -> "SHA-256";
            case SHA512 -> "SHA-512";
        };
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new TwoStepException("The JDK offers no " + name, e);
        }
    }
}
