package io.github.twostep.internal.store;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;

/**
 * WebAuthn user handles. A passkey sign-in starts without a user name: the authenticator answers
 * with the handle it was given at registration, and TwoStep must find the user from it without a
 * table of its own. So a handle is 64 bytes: a random 12-byte nonce, then the user name (its
 * length, its UTF-8 bytes, zeros up to 51 bytes) encrypted with AES-CTR under a sub-key of the
 * data key. Every handle has the same length, looks random, and tells nothing to the
 * authenticator, the browser or a passkey sync service; only a holder of the data key can read
 * the name in it. It is not trusted on its own: a handle is accepted only when it is exactly the
 * one stored in that user's record (compared in constant time) and the credential it came with
 * is one of that user's keys.
 *
 * <p>User names longer than {@value #MAX_NAME_BYTES} UTF-8 bytes do not fit; such users can
 * still register keys, used as a second factor after the password, but not sign in with a
 * passkey alone.
 */
public final class UserHandles {
    /** Longest user name, in UTF-8 bytes, a handle can hold. */
    public static final int MAX_NAME_BYTES = 51;
    private static final int NONCE_BYTES = 12;
    private static final int HANDLE_BYTES = 64;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final KeyRing keys;
    private final SecureRandom random;

    public UserHandles(KeyRing keys, SecureRandom random) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * A new handle for {@code user}, base64url without padding: the name sealed under the current
     * key when it fits, else 64 random bytes (a handle that names nobody).
     */
    public String newHandle(String user) {
        byte[] handle = new byte[HANDLE_BYTES];
        random.nextBytes(handle);
        byte[] name = user.getBytes(StandardCharsets.UTF_8);
        if (name.length <= MAX_NAME_BYTES) {
            byte[] plain = new byte[HANDLE_BYTES - NONCE_BYTES];
            plain[0] = (byte) name.length;
            System.arraycopy(name, 0, plain, 1, name.length);
            byte[] sealed = crypt(keys.currentKeyId(), Arrays.copyOf(handle, NONCE_BYTES), plain);
            System.arraycopy(sealed, 0, handle, NONCE_BYTES, sealed.length);
        }
        return B64.encodeToString(handle);
    }

    /**
     * The user names {@code handle} may stand for: one per configured key whose opening is well
     * formed (in practice one). The caller must still compare the handle with the user's record.
     */
    public List<String> candidates(byte[] handle) {
        if (handle == null || handle.length != HANDLE_BYTES) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String keyId : keys.keyIds()) {
            byte[] plain = crypt(keyId, Arrays.copyOf(handle, NONCE_BYTES),
                    Arrays.copyOfRange(handle, NONCE_BYTES, HANDLE_BYTES));
            name(plain).filter(n -> !names.contains(n)).ifPresent(names::add);
        }
        return names;
    }

    /** Whether {@code presented} is the handle {@code stored} (base64url), in constant time. */
    public static boolean same(String stored, byte[] presented) {
        return stored != null && presented != null
                && MessageDigest.isEqual(Base64.getUrlDecoder().decode(stored), presented);
    }

    private static Optional<String> name(byte[] plain) {
        int length = plain[0] & 0xFF;
        if (length == 0 || length > MAX_NAME_BYTES) {
            return Optional.empty();
        }
        for (int i = 1 + length; i < plain.length; i++) {
            if (plain[i] != 0) {
                return Optional.empty();
            }
        }
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return Optional.of(decoder.decode(ByteBuffer.wrap(plain, 1, length)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private byte[] crypt(String keyId, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.handleKey(keyId), new IvParameterSpec(Arrays.copyOf(nonce, 16)));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR is not available", e);
        }
    }
}
