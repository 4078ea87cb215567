package io.github.twostep.internal.otp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.twostep.config.Algorithm;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HotpTest {
    private static final OtpSecret RFC4226_SECRET =
            OtpSecret.of("12345678901234567890".getBytes(US_ASCII));

    @ParameterizedTest(name = "counter {0} -> {1}")
    @CsvSource({
        "0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314",
        "5, 254676", "6, 287922", "7, 162583", "8, 399871", "9, 520489",
    })
    void generateWhenRfc4226AppendixDVectorThenSameCode(long counter, String expected) {
        Hotp hotp = new Hotp(RFC4226_SECRET, Algorithm.SHA1, 6);

        assertEquals(expected, hotp.generate(counter));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "SHA1, 16", "SHA1, 20", "SHA1, 64", "SHA1, 65", "SHA1, 200",
        "SHA256, 32", "SHA256, 65", "SHA512, 64", "SHA512, 128", "SHA512, 129",
    })
    void macWhenComparedWithJdkMacThenEqualForEveryKeyLength(Algorithm algorithm, int keyLength)
            throws Exception {
        Random random = new Random(keyLength);
        byte[] key = new byte[keyLength];
        random.nextBytes(key);
        Hmac hmac = new Hmac(algorithm, key);
        Mac reference = Mac.getInstance(algorithm.jcaName());
        reference.init(new SecretKeySpec(key, algorithm.jcaName()));

        for (int i = 0; i < 50; i++) {
            long counter = random.nextLong();
            byte[] expected = reference.doFinal(java.nio.ByteBuffer.allocate(8).putLong(counter).array());
            assertArrayEquals(expected, hmac.mac(counter));
        }
    }

    @Test
    void generateWhenTenDigitsThenZeroPaddedWholeTruncatedValue() {
        Hotp hotp = new Hotp(RFC4226_SECRET, Algorithm.SHA1, 10);

        // RFC 4226 Appendix D lists the truncated decimal of counter 0: 1284755224.
        assertEquals("1284755224", hotp.generate(0));
    }

    @Test
    void generateWhenFourDigitsThenLastFourOfTruncatedValue() {
        Hotp hotp = new Hotp(RFC4226_SECRET, Algorithm.SHA1, 4);

        assertEquals("5224", hotp.generate(0));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 11, -6})
    void constructWhenDigitsOutOfRangeThenRejected(int digits) {
        assertThrows(IllegalArgumentException.class,
                () -> new Hotp(RFC4226_SECRET, Algorithm.SHA1, digits));
    }

    @Test
    void toStringWhenCalledThenSecretNotShown() {
        Hotp hotp = new Hotp(RFC4226_SECRET, Algorithm.SHA1, 6);

        assertFalse(hotp.toString().contains(RFC4226_SECRET.toBase32()));
        assertFalse(hotp.toString().contains("1234567890"));
    }
}
