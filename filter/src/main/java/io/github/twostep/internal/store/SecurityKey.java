package io.github.twostep.internal.store;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A registered security key or passkey (a WebAuthn credential): its credential id and COSE public
 * key (both base64url without padding), the last signature counter it reported, the transports it
 * named, its backup flags (eligible, backed up), a name the user chose (cut to
 * {@value #MAX_NAME} characters, control characters replaced), and its times.
 *
 * <p>Nothing here is secret: the public key only verifies signatures, and the credential id is an
 * identifier the browser sends in the clear. What matters is that nobody can swap a public key
 * or lower a counter in the store, and the record's MAC ({@link UserRecordCodec}) detects that.
 *
 * <p>Size: an ES256 key with a 64-byte credential id and a short name takes about 235
 * characters of the record (credential id 86, public key 103, the rest name, counter, flags,
 * transports and times); a 40-character name adds about 30, an RS256 public key about 260.
 *
 * @param lastUsed null until the key signed a first time
 */
public record SecurityKey(String id, String name, String publicKey, long signCount, List<String> transports,
        boolean backupEligible, boolean backedUp, Instant created, Instant lastUsed) {
    /** Longest stored name; longer names are cut. */
    public static final int MAX_NAME = 40;
    /** Longest credential id, in bytes, that WebAuthn allows. */
    public static final int MAX_ID_BYTES = 1023;
    /** Longest COSE public key accepted, in bytes (an RSA-4096 key takes about 530). */
    public static final int MAX_PUBLIC_KEY_BYTES = 1024;
    private static final Pattern TRANSPORT = Pattern.compile("[a-z-]{1,16}");
    private static final int MAX_TRANSPORTS = 8;

    public SecurityKey {
        created = UserRecord.wholeSeconds(created);
        lastUsed = UserRecord.wholeSeconds(lastUsed);
        requireBase64Url(id, MAX_ID_BYTES, "id");
        name = cleanName(Objects.requireNonNull(name, "name"));
        requireBase64Url(publicKey, MAX_PUBLIC_KEY_BYTES, "publicKey");
        if (signCount < 0 || signCount > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("signCount must be an unsigned 32-bit number");
        }
        transports = List.copyOf(transports);
        if (transports.size() > MAX_TRANSPORTS || !transports.stream().allMatch(t -> TRANSPORT.matcher(t).matches())) {
            throw new IllegalArgumentException("at most " + MAX_TRANSPORTS + " transports matching "
                    + TRANSPORT.pattern());
        }
        Objects.requireNonNull(created, "created");
    }

    /** The same key after a signature with counter {@code count} at {@code now}. */
    public SecurityKey usedAt(long count, boolean nowBackedUp, Instant now) {
        return new SecurityKey(id, name, publicKey, count, transports, backupEligible, nowBackedUp, created, now);
    }

    /** The same key under the name {@code newName} (cleaned as any name). */
    public SecurityKey named(String newName) {
        return new SecurityKey(id, newName, publicKey, signCount, transports, backupEligible, backedUp, created, lastUsed);
    }

    /**
     * Whether counter {@code count} may follow the stored one: it must grow, unless the key keeps
     * no counter (both zero, as most passkeys).
     */
    public boolean acceptsCount(long count) {
        return count > signCount || (count == 0 && signCount == 0);
    }

    /** The credential id's bytes. */
    public byte[] idBytes() {
        return Base64.getUrlDecoder().decode(id);
    }

    /** The COSE public key's bytes. */
    public byte[] publicKeyBytes() {
        return Base64.getUrlDecoder().decode(publicKey);
    }

    /** {@code bytes} as base64url without padding, the form ids and keys are kept in. */
    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void requireBase64Url(String value, int maxBytes, String what) {
        Objects.requireNonNull(value, what);
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64url");
        }
        if (bytes.length == 0 || bytes.length > maxBytes || !encode(bytes).equals(value)) {
            throw new IllegalArgumentException(what + " must be 1 to " + maxBytes + " bytes in unpadded base64url");
        }
    }

    private static String cleanName(String name) {
        StringBuilder clean = new StringBuilder();
        name.codePoints().limit(MAX_NAME).forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return clean.toString().strip();
    }

    @Override
    public String toString() {
        return "SecurityKey[name=" + name + ", signCount=" + signCount + ", created=" + created + ", lastUsed="
                + lastUsed + "]";
    }
}
