package io.github.twostep.internal.store;

import static io.github.twostep.internal.store.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.config.VerifyMethod;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Security keys in the user's record: rules, counter, and the stored form (old records unchanged). */
class SecurityKeyRecordTest {
    /** An ES256 COSE key is 77 bytes; many authenticators use 64-byte credential ids. */
    private static final int ES256_COSE_BYTES = 77;
    private static final int CREDENTIAL_ID_BYTES = 64;

    private final KeyRing ring = KeyRing.parse(Fixtures.keyText("k1"), List.of());
    private final UserRecordCodec codec = new UserRecordCodec(ring);

    static SecurityKey key(String name) {
        return new SecurityKey(SecurityKey.encode(Fixtures.randomBytes(CREDENTIAL_ID_BYTES)), name,
                SecurityKey.encode(Fixtures.randomBytes(ES256_COSE_BYTES)), 0, List.of("usb", "nfc"), false, false,
                NOW, null);
    }

    private static UserRecord withKeys(UserRecord r, int count) {
        for (int i = 0; i < count; i++) {
            r = r.addSecurityKey(key("Key " + i), count).orElseThrow();
        }
        return r;
    }

    @Test
    void readWhenOldRecordWithoutKeysThenNoKeysAndNoHandle() throws Exception {
        UserRecord r = RecordJson.read("{\"e\":true,\"m\":[\"email\"],\"cr\":1740824130,\"up\":1740824130}");
        assertEquals(List.of(), r.securityKeys());
        assertNull(r.userHandle());
        assertEquals(Set.of(VerifyMethod.EMAIL), r.methods());
        assertFalse(RecordJson.write(r).contains("wk"));
    }

    @Test
    void encodeThenDecodeWhenKeysAndHandleThenSameRecord() {
        SecurityKey used = key("Blue key").usedAt(7, true, NOW.plusSeconds(60));
        UserRecord r = UserRecord.empty(NOW).withUserHandle(SecurityKey.encode(Fixtures.randomBytes(32)))
                .addSecurityKey(used, 10).orElseThrow()
                .addSecurityKey(new SecurityKey(SecurityKey.encode(new byte[] {1}), "", SecurityKey.encode(new byte[] {2}),
                        0, List.of(), true, false, NOW, null), 10).orElseThrow();
        String text = codec.encode("alice", new DecodedComment("", r, ""));
        assertEquals(r, codec.decode("alice", text).record());
    }

    @Test
    void withUserHandleWhenAlreadySetThenKept() {
        String first = SecurityKey.encode(Fixtures.randomBytes(32));
        UserRecord r = UserRecord.empty(NOW).withUserHandle(first);
        assertEquals(first, r.withUserHandle(SecurityKey.encode(Fixtures.randomBytes(32))).userHandle());
        assertThrows(IllegalArgumentException.class, () -> UserRecord.empty(NOW).withUserHandle("alice"));
    }

    @Test
    void addSecurityKeyWhenFullOrSameIdThenRefused() {
        UserRecord r = withKeys(UserRecord.empty(NOW), 2);
        assertTrue(r.addSecurityKey(key("third"), 2).isEmpty());
        assertTrue(r.addSecurityKey(r.securityKeys().get(0), 3).isEmpty());
        assertEquals(3, r.addSecurityKey(key("third"), 3).orElseThrow().securityKeys().size());
    }

    @Test
    void useSecurityKeyWhenCounterGrowsThenAcceptedOnceAndLowerOrEqualRefused() {
        SecurityKey k = key("k").usedAt(5, false, NOW);
        UserRecord r = UserRecord.empty(NOW).addSecurityKey(k, 10).orElseThrow();
        assertTrue(r.useSecurityKey(k.id(), 5, false, challenge(1), NOW).isEmpty());
        assertTrue(r.useSecurityKey(k.id(), 4, false, challenge(2), NOW).isEmpty());
        UserRecord used = r.useSecurityKey(k.id(), 6, true, challenge(3), NOW.plusSeconds(9)).orElseThrow();
        SecurityKey after = used.securityKey(k.id()).orElseThrow();
        assertEquals(6, after.signCount());
        assertTrue(after.backedUp());
        assertEquals(NOW.plusSeconds(9), after.lastUsed());
        assertTrue(used.useSecurityKey(k.id(), 6, true, challenge(4), NOW).isEmpty());
        assertTrue(r.useSecurityKey("bm90LWEta2V5", 9, false, challenge(5), NOW).isEmpty());
    }

    @Test
    void useSecurityKeyWhenKeyKeepsNoCounterThenZeroAccepted() {
        SecurityKey k = key("passkey");
        UserRecord r = UserRecord.empty(NOW).addSecurityKey(k, 10).orElseThrow();
        assertTrue(r.useSecurityKey(k.id(), 0, false, challenge(6), NOW).isPresent());
        UserRecord counting = r.useSecurityKey(k.id(), 1, false, challenge(7), NOW).orElseThrow();
        assertTrue(counting.useSecurityKey(k.id(), 0, false, challenge(8), NOW).isEmpty());
    }

    @Test
    void useSecurityKeyWhenSameChallengeAgainThenRefusedEvenWithoutCounter() {
        SecurityKey k = key("passkey");
        UserRecord used = UserRecord.empty(NOW).addSecurityKey(k, 10).orElseThrow()
                .useSecurityKey(k.id(), 0, false, challenge(99), NOW).orElseThrow();
        assertTrue(used.useSecurityKey(k.id(), 0, false, challenge(99), NOW).isEmpty());
        assertTrue(used.useSecurityKey(k.id(), 0, false, challenge(98), NOW).isPresent());
    }

    private static String challenge(int n) {
        byte[] digest = new byte[16];
        java.util.Arrays.fill(digest, (byte) n);
        return SecurityKey.encode(digest);
    }

    @Test
    void removeSecurityKeyWhenUnknownThenEmptyAndResetRemovesAll() {
        UserRecord r = withKeys(UserRecord.empty(NOW), 3);
        assertTrue(r.removeSecurityKey("bm9uZQ").isEmpty());
        assertEquals(2, r.removeSecurityKey(r.securityKeys().get(1).id()).orElseThrow().securityKeys().size());
        assertEquals(List.of(), r.reset().securityKeys());
        assertEquals(List.of(), r.disable().securityKeys());
    }

    @Test
    void securityKeyWhenMalformedThenRefusedAndNameCleaned() {
        assertThrows(IllegalArgumentException.class, () -> new SecurityKey("a+b", "n", "AQ", 0, List.of(), false,
                false, NOW, null));
        assertThrows(IllegalArgumentException.class, () -> new SecurityKey("AQ", "n", "AQ", -1, List.of(), false,
                false, NOW, null));
        assertThrows(IllegalArgumentException.class, () -> new SecurityKey("AQ", "n", "AQ", 0, List.of("USB,x"),
                false, false, NOW, null));
        assertThrows(IllegalArgumentException.class, () -> new SecurityKey(
                SecurityKey.encode(new byte[SecurityKey.MAX_ID_BYTES + 1]), "n", "AQ", 0, List.of(), false, false,
                NOW, null));
        SecurityKey k = new SecurityKey("AQ", " a\nb" + "x".repeat(60), "AQ", 0, List.of(), false, false, NOW, null);
        assertEquals("a b" + "x".repeat(36), k.name());
        assertFalse(k.toString().contains("AQ"));
    }

    @Test
    void encodeWhenTenEs256KeysThenSizeAsDocumented() {
        UserRecord base = UserRecord.empty(NOW).withUserHandle(SecurityKey.encode(Fixtures.randomBytes(32)));
        int empty = codec.encode("alice", new DecodedComment("", base, "")).length();
        int ten = codec.encode("alice", new DecodedComment("", withKeys(base, 10), "")).length();
        assertTrue((ten - empty) / 10 <= 250, "a key takes " + (ten - empty) / 10 + " characters");
    }
}
