package io.github.twostep.internal.store;

import io.github.twostep.TwoStepException;
import io.github.twostep.store.CorruptRecordException;
import io.github.twostep.store.MissingKeyException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals TOTP secrets with AES-256-GCM: a fresh random 96-bit nonce per seal, a 128-bit tag,
 * and as associated data the record format version and the user (lower-cased, see
 * {@link UserRecordCodec}), so a sealed secret copied into another user's record does not open.
 */
public final class SecretCipher {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final KeyRing keys;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(KeyRing keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** Seals {@code secret} for {@code username} under the current key. */
    public EncryptedSecret seal(String username, byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        String keyId = keys.currentKeyId();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keyId, nonce, username);
            byte[] sealed = ByteBuffer.allocate(NONCE_BYTES + cipher.getOutputSize(secret.length))
                    .put(nonce).put(cipher.doFinal(secret)).array();
            return new EncryptedSecret(keyId, Base64.getUrlEncoder().withoutPadding().encodeToString(sealed));
        } catch (GeneralSecurityException e) {
            throw new TwoStepException("cannot seal a secret with AES-GCM", e);
        }
    }

    /**
     * Opens a secret sealed for {@code username}.
     *
     * @throws MissingKeyException if its key is not in the ring
     * @throws CorruptRecordException if it was altered or sealed for another user
     */
    public byte[] open(String username, EncryptedSecret sealed) {
        if (!keys.hasKey(sealed.keyId())) {
            throw new MissingKeyException(username, sealed.keyId());
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(sealed.payload());
        } catch (IllegalArgumentException e) {
            throw new CorruptRecordException(username, "sealed secret is not valid base64url");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, sealed.keyId(), Arrays.copyOf(bytes, NONCE_BYTES), username);
            return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new CorruptRecordException(username, "secret does not decrypt (altered, or copied from another user)");
        } catch (GeneralSecurityException e) {
            throw new CorruptRecordException(username, "secret cannot be decrypted", e);
        }
    }

    /** The record with any secret not sealed under the current key sealed again under it. */
    public UserRecord resealed(String username, UserRecord record) {
        TotpSecret enrolled = reseal(username, record.totp());
        TotpSecret pending = reseal(username, record.pendingTotp());
        if (enrolled == record.totp() && pending == record.pendingTotp()) {
            return record;
        }
        return record.withSecrets(enrolled, pending);
    }

    private TotpSecret reseal(String username, TotpSecret secret) {
        if (secret == null || secret.secret().keyId().equals(keys.currentKeyId())) {
            return secret;
        }
        byte[] plain = open(username, secret.secret());
        try {
            return secret.withSecret(seal(username, plain));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private Cipher cipher(int mode, String keyId, byte[] nonce, String username) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, keys.encryptionKey(keyId), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(("twostep/v" + UserRecord.FORMAT_VERSION + "/" + Usernames.binding(username))
                .getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
