package io.github.twostep.internal.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A secret sealed by {@link SecretCipher}: the id of the data key that sealed it and the
 * base64url (no padding) text of nonce, ciphertext and GCM tag. {@link #toString()} shows the
 * key id only.
 */
public record EncryptedSecret(String keyId, String payload) {
    private static final Pattern PAYLOAD = Pattern.compile("[A-Za-z0-9_-]{38,}");

    public EncryptedSecret {
        KeyRing.requireKeyId(keyId);
        Objects.requireNonNull(payload, "payload");
        if (!PAYLOAD.matcher(payload).matches()) {
            throw new IllegalArgumentException("payload is not sealed base64url text");
        }
    }

    /** The stored form {@code "<keyId>.<payload>"}. */
    public String encoded() {
        return keyId + "." + payload;
    }

    /**
     * Reads the stored form.
     *
     * @throws IllegalArgumentException if the text is not of the form {@code "<keyId>.<payload>"}
     */
    public static EncryptedSecret parse(String encoded) {
        int dot = encoded.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("sealed secret has no key id");
        }
        return new EncryptedSecret(encoded.substring(0, dot), encoded.substring(dot + 1));
    }

    @Override
    public String toString() {
        return "EncryptedSecret[keyId=" + keyId + "]";
    }
}
