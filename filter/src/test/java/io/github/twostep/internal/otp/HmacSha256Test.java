package io.github.twostep.internal.otp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.spec.SecretKeySpec;
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

    @Test
    void keyedWhenUsedAgainAndFromOtherThreadsThenTheRfcResultEachTime() throws Exception {
        HmacSha256.Keyed jefe = new HmacSha256.Keyed(new SecretKeySpec(ascii("Jefe"), HmacSha256.ALGORITHM));
        String expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

        for (int i = 0; i < 3; i++) {
            assertEquals(expected, HexFormat.of().formatHex(jefe.of(ascii("what do ya "), ascii("want for nothing?"))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> HexFormat.of().formatHex(jefe.of(ascii("what do ya want for nothing?")))));
            }
            for (Future<String> result : results) {
                assertEquals(expected, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
