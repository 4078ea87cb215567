package io.github.twostep.config;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit AES key that encrypts users' secrets, with the id stored next to each ciphertext.
 * Written in the settings as {@code "<keyId>:<base64 of 32 bytes>"}. Its key material never
 * appears in {@link #toString()}.
 */
public final class DataKey {

    /** Length of the key material in bytes. */
    public static final int BYTES = 32;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    private static final String ID_RULE = "key id must be 1–16 characters of A-Z, a-z, 0-9, _ and -";

    /** Whether {@code text} is a key id: 1–16 characters of {@code [A-Za-z0-9_-]}, the only definition of one. */
    public static boolean isKeyId(String text) {
        return ID.matcher(text).matches();
    }

    private final String id;
    private final byte[] material;

    /**
     * @param id       1–16 characters of {@code [A-Za-z0-9_-]}
     * @param material exactly 32 bytes; copied
     */
    public DataKey(String id, byte[] material) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(material, "material");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(ID_RULE);
        }
        if (material.length != BYTES) {
            throw new IllegalArgumentException("key material must be " + BYTES + " bytes");
        }
        this.id = id;
        this.material = material.clone();
    }

    /**
     * Reads {@code "<keyId>:<base64 of 32 bytes>"} exactly as the settings' {@code store.key} is
     * read: the one parser of a data key.
     *
     * @throws IllegalArgumentException with the reason it is malformed (never key material)
     */
    public static DataKey of(String text) {
        Parsed parsed = parse(Objects.requireNonNull(text, "text"));
        if (parsed.problem() != null) {
            throw new IllegalArgumentException(parsed.problem());
        }
        return parsed.key();
    }

    /**
     * Reads {@code "<keyId>:<base64 of 32 bytes>"}.
     *
     * @return the key, or the reason it is malformed (a reason never contains key material)
     */
    static Parsed parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new Parsed(null, "expected \"<keyId>:<base64 of 32 bytes>\"");
        }
        String id = text.substring(0, colon);
        if (!ID.matcher(id).matches()) {
            return new Parsed(null, ID_RULE);
        }
        byte[] material;
        try {
            material = Base64.getDecoder().decode(text.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return new Parsed(null, "key material of \"" + id + "\" is not valid base64");
        }
        if (material.length != BYTES) {
            return new Parsed(null, "key material of \"" + id + "\" must be " + BYTES + " bytes, got "
                    + material.length);
        }
        return new Parsed(new DataKey(id, material), null);
    }

    /** Result of {@link #parse(String)}: exactly one of key and problem is set. */
    record Parsed(DataKey key, String problem) {
    }

    /** The key id stored next to every ciphertext made with this key. */
    public String id() {
        return id;
    }

    /** The key for {@code javax.crypto.Cipher} ({@code AES}). */
    public SecretKey secretKey() {
        return new SecretKeySpec(material, "AES");
    }

    /** The settings form {@code "<keyId>:<base64>"}; holds the secret. */
    String encoded() {
        return id + ":" + Base64.getEncoder().encodeToString(material);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataKey that && id.equals(that.id) && MessageDigest.isEqual(material, that.material);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "DataKey[id=" + id + ", material=***]";
    }
}
