package io.github.twostep.internal.store;

import static io.github.twostep.internal.store.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.config.VerifyMethod;
import io.github.twostep.store.CorruptRecordException;
import io.github.twostep.store.MissingKeyException;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserRecordCodecTest {
    private final String key = Fixtures.keyText("k1");
    private final KeyRing ring = KeyRing.parse(key, List.of());
    private final UserRecordCodec codec = new UserRecordCodec(ring);
    private final SecretCipher cipher = new SecretCipher(ring);

    private UserRecord full(String user) {
        UserRecord r = Fixtures.enrolled(cipher, user).useStep(58_000_000).orElseThrow()
                .withMessageCode(new MessageCode(Fixtures.codeHash(), NOW.plusSeconds(300), VerifyMethod.EMAIL))
                .recordFailure(NOW, 5, 15).recordSend(NOW).markVerified(NOW).withLanguage("de").withUpdated(NOW.plusSeconds(9));
        for (int i = 0; i < 20; i++) {
            r = r.trustDevice(Fixtures.device(i), 20);
        }
        return r;
    }

    @Test
    void encodeWhenFullDefaultRecordWithTwentyDevicesThenUnderFourThousandChars() {
        UserRecord record = full("alice");
        String text = codec.encode("alice", new DecodedComment("", record, ""));
        assertEquals(20, record.devices().size());
        assertTrue(text.length() <= 4000, "block is " + text.length() + " characters");
        assertEquals(record, codec.decode("alice", text).record());
    }

    @Test
    void decodeWhenRecordMadeAtSubSecondTimesThenEqualToTheRecordEncoded() {
        java.time.Instant now = NOW.plusNanos(123_456_789);
        UserRecord r = Fixtures.enrolled(cipher, "alice")
                .withMessageCode(new MessageCode(Fixtures.codeHash(), now.plusSeconds(300), VerifyMethod.EMAIL))
                .recordFailure(now, 5, 15).recordSend(now).markVerified(now).withUpdated(now.plusMillis(1500))
                .trustDevice(Fixtures.device(1), 20);

        assertEquals(r, codec.decode("alice", codec.encode("alice", new DecodedComment("", r, ""))).record(),
                "records hold whole seconds, as stored, so the updater may keep the record it wrote");
    }

    @Test
    void decodeWhenOtherTextAroundThenKeptByteForByte() {
        String before = "VIP customer \u2014 call before 5pm\n\t[not a block] ";
        String after = " \r\nnote: ]]][[[ twostep";
        UserRecord record = full("alice");
        String text = codec.encode("alice", new DecodedComment(before, record, after));
        DecodedComment decoded = codec.decode("alice", text);
        assertEquals(before, decoded.before());
        assertEquals(after, decoded.after());
        assertEquals(record, decoded.record());
        assertEquals(before + after, codec.encode("alice", decoded.withRecord(null)));
    }

    @Test
    void decodeWhenNoBlockThenNotEnrolledAndTextIsBefore() {
        DecodedComment decoded = codec.decode("alice", "just a comment");
        assertNull(decoded.record());
        assertEquals("just a comment", decoded.before());
        String text = codec.encode("alice", decoded.withRecord(UserRecord.empty(NOW)));
        assertTrue(text.startsWith("just a comment[twostep:v1:k1:"));
    }

    @Test
    void decodeWhenOneMegabyteOfOtherTextThenKept() {
        String big = "\u00e9x ".repeat(350_000);
        String text = codec.encode("alice", new DecodedComment(big, full("alice"), big));
        DecodedComment decoded = codec.decode("alice", text);
        assertEquals(big, decoded.before());
        assertEquals(big, decoded.after());
    }

    @Test
    void decodeWhenLabelHoldsMarkersThenStillOneBlock() {
        TrustedDevice d = Fixtures.device(1);
        UserRecord record = full("alice").trustDevice(new TrustedDevice("evil", d.tokenHash(),
                "[/twostep][twostep:v1:k1:x]", NOW, NOW, NOW.plusSeconds(99)), 30);
        String text = codec.encode("alice", new DecodedComment("", record, ""));
        assertEquals(record, codec.decode("alice", text).record());
    }

    @Test
    void decodeWhenTruncatedThenCorruptNamingUser() {
        String text = codec.encode("alice", new DecodedComment("x", full("alice"), "y"));
        for (int cut : new int[] {12, 40, text.length() / 2, text.length() - 3}) {
            CorruptRecordException e = assertThrows(CorruptRecordException.class,
                    () -> codec.decode("alice", text.substring(0, cut)));
            assertTrue(e.getMessage().contains("'alice'"));
        }
    }

    @Test
    void decodeWhenJsonTamperedThenCorruptWithoutSecretsInMessage() {
        UserRecord record = full("alice");
        String text = codec.encode("alice", new DecodedComment("", record, ""));
        String tampered = text.replace("\"ls\":58000000", "\"ls\":1");
        assertFalse(tampered.equals(text));
        CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> codec.decode("alice", tampered));
        assertFalse(e.getMessage().contains(record.backupCodes().get(0)));
        assertFalse(e.getMessage().contains(record.totp().secret().payload()));
    }

    @Test
    void decodeWhenBlockCopiedFromAnotherUserThenCorrupt() {
        String text = codec.encode("alice", new DecodedComment("", full("alice"), ""));
        assertThrows(CorruptRecordException.class, () -> codec.decode("bob", text));
        assertEquals(full("x").enabled(), codec.decode("ALICE", text).record().enabled());
    }

    @Test
    void decodeWhenUnknownVersionThenCorruptNamingVersion() {
        String text = codec.encode("alice", new DecodedComment("", full("alice"), "")).replace("[twostep:v1:",
                "[twostep:v9:");
        CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> codec.decode("alice", text));
        assertTrue(e.getMessage().contains("v9"));
    }

    @Test
    void decodeWhenDoubledOrStartMarkerLostThenCorrupt() {
        String block = codec.encode("alice", new DecodedComment("", full("alice"), ""));
        assertThrows(CorruptRecordException.class, () -> codec.decode("alice", block + block));
        assertThrows(CorruptRecordException.class,
                () -> codec.decode("alice", block.replace(UserRecordCodec.START, "[twostop:")));
    }

    @Test
    void decodeWhenKeyRotatedThenOldBlocksReadAndMissingKeyNamed() {
        String text = codec.encode("alice", new DecodedComment("", full("alice"), ""));
        UserRecordCodec rotated = new UserRecordCodec(KeyRing.parse(Fixtures.keyText("k2"), List.of(key)));
        assertEquals(full("alice").enabled(), rotated.decode("alice", text).record().enabled());
        UserRecordCodec lost = new UserRecordCodec(KeyRing.parse(Fixtures.keyText("k2"), List.of()));
        MissingKeyException e = assertThrows(MissingKeyException.class, () -> lost.decode("alice", text));
        assertEquals("k1", e.keyId());
    }

    @Test
    void readWhenOlderRecordHoldsAPreferredMethodThenReadAndNotWrittenAgain() throws Exception {
        UserRecord record = full("alice");
        String json = RecordJson.write(record);
        String older = "{\"pm\":\"app\"," + json.substring(1); // earlier builds wrote "pm", nothing read it

        UserRecord read = RecordJson.read(older);

        assertEquals(record, read);
        assertFalse(RecordJson.write(read).contains("\"pm\""));
    }
}
