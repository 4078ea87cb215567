package io.github.twostep.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.store.CorruptRecordException;
import io.github.twostep.store.MissingKeyException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
    private final String oldKey = Fixtures.keyText("k1");
    private final KeyRing ring = KeyRing.parse(oldKey, List.of());
    private final SecretCipher cipher = new SecretCipher(ring);
    private final byte[] secret = Fixtures.randomBytes(20);

    @Test
    void openWhenSealedForSameUserThenSecretBack() {
        EncryptedSecret sealed = cipher.seal("alice", secret);
        assertEquals("k1", sealed.keyId());
        assertArrayEquals(secret, cipher.open("alice", sealed));
        assertArrayEquals(secret, cipher.open("ALICE", sealed));
    }

    @Test
    void sealWhenCalledTwiceThenFreshNonceEachTime() {
        assertNotEquals(cipher.seal("alice", secret).payload(), cipher.seal("alice", secret).payload());
    }

    @Test
    void openWhenCopiedToAnotherUserThenCorrupt() {
        EncryptedSecret sealed = cipher.seal("alice", secret);
        CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> cipher.open("bob", sealed));
        assertTrue(e.getMessage().contains("'bob'"));
    }

    @Test
    void openWhenCiphertextAlteredThenCorrupt() {
        EncryptedSecret sealed = cipher.seal("alice", secret);
        char[] chars = sealed.payload().toCharArray();
        chars[20] = chars[20] == 'A' ? 'B' : 'A';
        EncryptedSecret altered = new EncryptedSecret("k1", new String(chars));
        assertThrows(CorruptRecordException.class, () -> cipher.open("alice", altered));
    }

    @Test
    void openWhenKeyMissingThenErrorNamesKeyId() {
        EncryptedSecret sealed = cipher.seal("alice", secret);
        SecretCipher other = new SecretCipher(KeyRing.parse(Fixtures.keyText("k2"), List.of()));
        MissingKeyException e = assertThrows(MissingKeyException.class, () -> other.open("alice", sealed));
        assertEquals("k1", e.keyId());
        assertTrue(e.getMessage().contains("'k1'"));
    }

    @Test
    void resealedWhenKeyRotatedThenCurrentKeyAndSameSecret() {
        UserRecord record = Fixtures.enrolled(cipher, "alice");
        SecretCipher rotated = new SecretCipher(KeyRing.parse(Fixtures.keyText("k2"), List.of(oldKey)));
        UserRecord resealed = rotated.resealed("alice", record);
        assertEquals("k2", resealed.totp().secret().keyId());
        assertArrayEquals(cipher.open("alice", record.totp().secret()),
                rotated.open("alice", resealed.totp().secret()));
        assertSame(resealed, rotated.resealed("alice", resealed));
    }
}
