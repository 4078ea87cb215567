package io.github.twostep.internal.store;

import io.github.twostep.TwoStepException;
import io.github.twostep.config.DataKey;
import io.github.twostep.internal.otp.HmacSha256;
import io.github.twostep.store.AttemptLedger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The data keys: one current key that seals and signs everything written now, and previous keys
 * that still open what they sealed. A key is written {@code "<keyId>:<base64 of 32 bytes>"} and
 * read by {@link DataKey#of} (ids: {@link DataKey#isKeyId}). Each key is only used through sub-keys derived
 * as HMAC-SHA256(key, label): one for AES-256-GCM secrets, one for record MACs, one pepper for
 * code hashing elsewhere, one for WebAuthn user handles. No key byte ever reaches {@link #toString()}.
 */
public final class KeyRing {
    private final String currentKeyId;
    private final Map<String, Keys> keys;

    private record Keys(SecretKey encryption, SecretKey mac, byte[] pepper, SecretKey handle, byte[] ledger) {
    }

    private KeyRing(String currentKeyId, Map<String, Keys> keys) {
        this.currentKeyId = currentKeyId;
        this.keys = Collections.unmodifiableMap(keys);
    }

    /**
     * Reads the current key and any previous keys, each {@code "<keyId>:<base64 of 32 bytes>"}
     * as {@link DataKey#of} (and so the settings) reads it.
     *
     * @throws TwoStepException naming the key (by position, never its bytes) if one is malformed
     *     or two share an id
     */
    public static KeyRing parse(String current, List<String> previous) {
        Objects.requireNonNull(previous, "previous");
        List<DataKey> older = new ArrayList<>(previous.size());
        for (int i = 0; i < previous.size(); i++) {
            older.add(dataKey(previous.get(i), "previous key #" + (i + 1)));
        }
        return from(dataKey(current, "current key"), older);
    }

    private static DataKey dataKey(String text, String which) {
        try {
            return DataKey.of(Objects.requireNonNull(text, which));
        } catch (IllegalArgumentException e) {
            throw new TwoStepException(which + ": " + e.getMessage());
        }
    }

    /**
     * The ring of the settings' {@code store.key} and {@code store.previousKeys}, checked by the
     * settings loader already.
     *
     * @throws TwoStepException if two keys share an id
     */
    public static KeyRing from(DataKey current, List<DataKey> previous) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previous, "previous");
        Map<String, Keys> keys = new LinkedHashMap<>();
        for (DataKey key : concat(current, previous)) {
            byte[] material = key.secretKey().getEncoded();
            try {
                if (keys.putIfAbsent(key.id(), derive(key.id(), material)) != null) {
                    throw new TwoStepException("two data keys have the id '" + key.id() + "'");
                }
            } finally {
                Arrays.fill(material, (byte) 0);
            }
        }
        return new KeyRing(current.id(), keys);
    }

    private static List<DataKey> concat(DataKey current, List<DataKey> previous) {
        List<DataKey> all = new ArrayList<>(previous.size() + 1);
        all.add(current);
        all.addAll(previous);
        return all;
    }

    /** A ring holding just one key, the current one. */
    public static KeyRing of(String keyId, byte[] key) {
        Map<String, Keys> keys = new LinkedHashMap<>();
        keys.put(requireKeyId(keyId), derive(keyId, key));
        return new KeyRing(keyId, keys);
    }

    /** The id of the key that seals and signs new writes. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** Every configured key id, current first. */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    public boolean hasKey(String keyId) {
        return keys.containsKey(keyId);
    }

    /** The 32-byte code-hashing pepper derived from key {@code keyId} (a fresh copy). */
    public byte[] pepper(String keyId) {
        return require(keyId).pepper().clone();
    }

    /**
     * The 32-byte key that turns names into {@link AttemptLedger} keys, derived from the current
     * key (a fresh copy); nodes sharing {@code store.key} count the same name under one key.
     */
    public byte[] currentLedgerKey() {
        return require(currentKeyId).ledger().clone();
    }

    /** The pepper of the current key. */
    public byte[] currentPepper() {
        return pepper(currentKeyId);
    }

    SecretKey encryptionKey(String keyId) {
        return require(keyId).encryption();
    }

    /** The AES key that hides user names in WebAuthn user handles ({@link UserHandles}). */
    SecretKey handleKey(String keyId) {
        return require(keyId).handle();
    }

    SecretKey macKey(String keyId) {
        return require(keyId).mac();
    }

    private Keys require(String keyId) {
        Keys found = keys.get(keyId);
        if (found == null) {
            throw new TwoStepException("no data key with id '" + keyId + "' is configured");
        }
        return found;
    }

    static boolean isKeyId(String text) {
        return DataKey.isKeyId(text);
    }

    static String requireKeyId(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        if (!DataKey.isKeyId(keyId)) {
            throw new TwoStepException("a data key id must be 1–16 characters of A-Z, a-z, 0-9, _ and -");
        }
        return keyId;
    }

    private static Keys derive(String keyId, byte[] key) {
        if (key.length != DataKey.BYTES) {
            throw new TwoStepException("data key '" + keyId + "' must be " + DataKey.BYTES + " bytes, not " + key.length);
        }
        return new Keys(new SecretKeySpec(subKey(key, "twostep/secret-encryption/v1"), "AES"),
                new SecretKeySpec(subKey(key, "twostep/record-mac/v1"), "HmacSHA256"),
                subKey(key, "twostep/code-hash/v1"),
                new SecretKeySpec(subKey(key, "twostep/user-handle/v1"), "AES"),
                subKey(key, "twostep/attempt-ledger/v1"));
    }

    private static byte[] subKey(byte[] key, String label) {
        return HmacSha256.of(key, label.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "KeyRing[current=" + currentKeyId + ", keys=" + keys.keySet() + "]";
    }
}
