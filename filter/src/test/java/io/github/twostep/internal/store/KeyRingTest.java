package io.github.twostep.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.TwoStepException;
import io.github.twostep.config.DataKey;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyRingTest {

    @Test
    void parseWhenCurrentAndPreviousThenCurrentFirstAndPeppersDiffer() {
        KeyRing ring = KeyRing.parse(Fixtures.keyText("k2"), List.of(Fixtures.keyText("k1")));
        assertEquals("k2", ring.currentKeyId());
        assertEquals(Set.of("k1", "k2"), ring.keyIds());
        assertEquals(32, ring.currentPepper().length);
        assertFalse(java.util.Arrays.equals(ring.pepper("k1"), ring.pepper("k2")));
        assertArrayEquals(ring.pepper("k2"), ring.currentPepper());
    }

    @Test
    void pepperWhenSameKeyThenSameValueAndNotTheKeyItself() {
        byte[] key = Fixtures.randomBytes(32);
        String text = "k1:" + Base64.getEncoder().encodeToString(key);
        assertArrayEquals(KeyRing.parse(text, List.of()).pepper("k1"), KeyRing.of("k1", key).pepper("k1"));
        assertFalse(java.util.Arrays.equals(key, KeyRing.of("k1", key).pepper("k1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nokeyid", "k1:not-base64!!", "k1:AAAA", "bad id:AAAA", "0123456789abcdefX:AAAA"})
    void parseWhenMalformedThenErrorWithoutKeyText(String text) {
        TwoStepException e = assertThrows(TwoStepException.class, () -> KeyRing.parse(text, List.of()));
        assertFalse(e.getMessage().contains("AAAA"), e.getMessage());
    }

    @Test
    void parseWhenIdUsedTwiceThenError() {
        assertThrows(TwoStepException.class,
                () -> KeyRing.parse(Fixtures.keyText("k1"), List.of(Fixtures.keyText("k1"))));
    }

    @Test
    void toStringWhenKeysLoadedThenOnlyIdsShown() {
        String key = Fixtures.keyText("k1");
        String text = KeyRing.parse(key, List.of()).toString();
        assertTrue(text.contains("k1"));
        assertFalse(text.contains(key.substring(3, 12)));
    }

    @Test
    void pepperWhenKeyUnknownThenErrorNamesId() {
        TwoStepException e = assertThrows(TwoStepException.class, () -> Fixtures.keyRing().pepper("k9"));
        assertTrue(e.getMessage().contains("k9"));
    }

    @Test
    void fromWhenSettingsKeysThenSameRingAsParsedText() {
        byte[] current = Fixtures.randomBytes(32);
        byte[] older = Fixtures.randomBytes(32);
        KeyRing parsed = KeyRing.parse("k2:" + Base64.getEncoder().encodeToString(current),
                List.of("k1:" + Base64.getEncoder().encodeToString(older)));

        KeyRing fromSettings = KeyRing.from(new DataKey("k2", current),
                List.of(new DataKey("k1", older)));

        assertEquals("k2", fromSettings.currentKeyId());
        assertEquals(parsed.keyIds(), fromSettings.keyIds());
        assertArrayEquals(parsed.pepper("k1"), fromSettings.pepper("k1"));
        assertArrayEquals(parsed.currentPepper(), fromSettings.currentPepper());
    }

    @Test
    void fromWhenTwoKeysShareAnIdThenRejected() {
        DataKey key = new DataKey("k1", Fixtures.randomBytes(32));

        assertThrows(TwoStepException.class,
                () -> KeyRing.from(key, List.of(key)));
    }

    @Test
    void parseWhenTextTheSettingsRefuseThenRefusedTooWithTheSameReason() {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 0xFF); // standard base64 "////…", URL-safe "____…"
        String urlSafe = "k1:" + Base64.getUrlEncoder().encodeToString(key);

        TwoStepException e = assertThrows(TwoStepException.class, () -> KeyRing.parse(urlSafe, List.of()));
        IllegalArgumentException settings = assertThrows(IllegalArgumentException.class, () -> DataKey.of(urlSafe));

        assertEquals("current key: " + settings.getMessage(), e.getMessage());
        assertEquals("k1", KeyRing.parse("k1:" + Base64.getEncoder().encodeToString(key), List.of()).currentKeyId());
    }
}
