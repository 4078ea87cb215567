package io.github.twostep.internal.otp;

import java.security.GeneralSecurityException;
import java.security.Key;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 through {@code javax.crypto.Mac}: the one helper for code hashes, record MACs,
 * sub-key derivation and link signatures. (One-time codes use {@link Hotp}'s allocation-free
 * HMAC instead.) Public only so the store and core packages can share it.
 */
public final class HmacSha256 {
    /** The JCA name of the algorithm. */
    public static final String ALGORITHM = "HmacSHA256";

    private HmacSha256() {
    }

    /** HMAC-SHA256 under {@code key} of the parts, one after the other. */
    public static byte[] of(byte[] key, byte[]... parts) {
        return of(new SecretKeySpec(key, ALGORITHM), parts);
    }

    /** HMAC-SHA256 under {@code key} of the parts, one after the other. */
    public static byte[] of(Key key, byte[]... parts) {
        return digest(newMac(key), parts);
    }

    private static Mac newMac(Key key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 with this key is not available", e);
        }
    }

    private static byte[] digest(Mac mac, byte[]... parts) {
        mac.reset(); // a use that failed half-way leaves nothing behind
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    /**
     * HMAC-SHA256 under one key, for keys used on every request (code hashes, record MACs): each
     * thread keeps its own {@link Mac}, set up once, instead of looking up a provider and
     * initialising a new one per use. {@link Mac#doFinal()} leaves a Mac ready for the next use.
     */
    public static final class Keyed {
        private final ThreadLocal<Mac> macs;

        public Keyed(Key key) {
            newMac(key); // an unusable key fails here, not on first use
            this.macs = ThreadLocal.withInitial(() -> newMac(key));
        }

        /** HMAC-SHA256 of the parts, one after the other. */
        public byte[] of(byte[]... parts) {
            return digest(macs.get(), parts);
        }

        @Override
        public String toString() {
            return "HmacSha256.Keyed[key hidden]";
        }
    }
}
