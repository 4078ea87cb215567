package io.github.twostep.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.twostep.internal.store.DecodedComment;
import io.github.twostep.internal.store.KeyRing;
import io.github.twostep.internal.store.UserRecord;
import io.github.twostep.internal.store.UserRecordCodec;
import io.github.twostep.store.CorruptRecordException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The record codec on arbitrary comments and on arbitrary JSON under a valid MAC: it decodes or
 * throws {@link CorruptRecordException}, nothing else, and whatever it decodes encodes back to
 * the same comment parts.
 */
class RecordCodecFuzzTest {
    private static final String USER = "alice";
    private static final byte[] KEY = "record-codec-fuzz-key-32-bytes!!".getBytes(StandardCharsets.US_ASCII);
    private static final UserRecordCodec CODEC = new UserRecordCodec(KeyRing.of("k1", KEY));

    @FuzzTest(maxDuration = FuzzInput.RUN_TIME)
    void decodeWhenAnyCommentThenPartsOrCorruptRecord(byte[] data) {
        decodeAndRoundTrip(FuzzInput.text(data));
    }

    /** Signs the fuzzer's JSON as the codec would, so the record reader behind the MAC is reached. */
    @FuzzTest(maxDuration = FuzzInput.RUN_TIME)
    void decodeWhenAnyJsonUnderValidMacThenRecordOrCorruptRecord(byte[] data) {
        decodeAndRoundTrip(signedBlock(FuzzInput.text(data)));
    }

    @Test
    void signedBlockWhenJsonOfEncodedRecordThenSameAsCodecWrites() {
        String encoded = CODEC.encode(USER, new DecodedComment("", UserRecord.empty(Instant.EPOCH), ""));
        String json = encoded.substring(encoded.indexOf(']') + 1, encoded.indexOf(UserRecordCodec.END));
        assertEquals(encoded, signedBlock(json));
    }

    private static void decodeAndRoundTrip(String comment) {
        DecodedComment decoded;
        try {
            decoded = CODEC.decode(USER, comment);
        } catch (CorruptRecordException expected) {
            return;
        }
        assertNotNull(decoded);
        String encoded = CODEC.encode(USER, decoded);
        assertEquals(decoded, CODEC.decode(USER, encoded), "decode(encode(decoded)) differs");
    }

    /** The block format of {@link UserRecordCodec}: HMAC-SHA256 under the record sub-key, cut to 128 bits. */
    private static String signedBlock(String json) {
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(KEY, "HmacSHA256"));
            byte[] macKey = derive.doFinal("twostep/record-mac/v1".getBytes(StandardCharsets.US_ASCII));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
            mac.update(("v1\n" + USER + "\n").getBytes(StandardCharsets.UTF_8));
            byte[] full = mac.doFinal(json.getBytes(StandardCharsets.UTF_8));
            String tag = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 16));
            return UserRecordCodec.START + "v1:k1:" + tag + "]" + json + UserRecordCodec.END;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
