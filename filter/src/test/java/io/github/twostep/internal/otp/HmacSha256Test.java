package io.github.twostep.internal.otp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HmacSha256Test {

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void ofWhenRfc4231TestCase2ThenItsResult() {
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                HexFormat.of().formatHex(HmacSha256.of(ascii("Jefe"), ascii("what do ya want for nothing?"))));
    }

    @Test
    void ofWhenPartsThenSameAsTheirConcatenation() {
        assertArrayEquals(HmacSha256.of(ascii("Jefe"), ascii("what do ya want for nothing?")),
                HmacSha256.of(ascii("Jefe"), ascii("what do ya "), ascii(""), ascii("want for nothing?")));
    }
}
