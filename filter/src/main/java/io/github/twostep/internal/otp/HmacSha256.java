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
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 with this key is not available", e);
        }
    }
}
