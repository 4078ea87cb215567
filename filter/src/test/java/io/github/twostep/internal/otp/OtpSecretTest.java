package io.github.twostep.internal.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.config.Algorithm;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class OtpSecretTest {
    /** Base32 of the RFC 4226 secret "12345678901234567890". */
    private static final String RFC4226_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @ParameterizedTest
    @CsvSource({"SHA1, 20, 32", "SHA256, 32, 52", "SHA512, 64, 103"})
    void generateWhenAlgorithmGivenThenHashSizedSecretAndUnpaddedBase32(
            Algorithm algorithm, int bytes, int base32Chars) {
        OtpSecret secret = OtpSecret.generate(algorithm, new SecureRandom());

        assertEquals(bytes, secret.length());
        assertEquals(base32Chars, secret.toBase32().length());
        assertTrue(secret.toBase32().matches("[A-Z2-7]+"));
    }

    @Test
    void generateWhenCalledTwiceThenDifferentSecrets() {
        SecureRandom random = new SecureRandom();

        assertNotEquals(OtpSecret.generate(Algorithm.SHA1, random), OtpSecret.generate(Algorithm.SHA1, random));
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void fromBase32WhenOwnOutputThenSameSecret(Algorithm algorithm) {
        OtpSecret secret = OtpSecret.generate(algorithm, new SecureRandom());

        assertEquals(secret, OtpSecret.fromBase32(secret.toBase32()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        "gezd gnbv gy3t qojq gezd gnbv gy3t qojq",
        "GEZD-GNBV-GY3T-QOJQ-GEZD-GNBV-GY3T-QOJQ",
        " gezdGNBVgy3tQOJQgezdGNBVgy3tQOJQ ",
    })
    void fromBase32WhenTypedWithSpacesDashesOrLowerCaseThenAccepted(String typed) {
        assertEquals("12345678901234567890", new String(OtpSecret.fromBase32(typed).bytes(),
                java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void fromBase32WhenPaddedThenPaddingIgnored() {
        OtpSecret secret = OtpSecret.generate(Algorithm.SHA256, new SecureRandom());
        String padded = secret.toBase32() + "====";

        assertEquals(secret, OtpSecret.fromBase32(padded));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1",   // 1 is not Base32
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ8",   // nor is 8
        "GEZDGNBVGY3TQOJQ_EZDGNBVGY3TQOJQ",
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQG",  // impossible length (33 = 8*4 + 1)
        "GEZDGNBVGY3TQOJQGEZDGNBVGZ",         // last character carries stray bits
        "ÉEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
    })
    void fromBase32WhenBadCharacterOrLengthThenRejectedWithoutEchoingIt(String typed) {
        InvalidSecretException e = assertThrows(InvalidSecretException.class, () -> OtpSecret.fromBase32(typed));

        assertFalse(e.getMessage().contains(typed));
        assertFalse(e.getMessage().contains("GEZDGNBV"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "- -", "GEZDGNBVGY3TQOJQ"})
    void fromBase32WhenEmptyOrShorterThan128BitsThenRejected(String typed) {
        assertThrows(InvalidSecretException.class, () -> OtpSecret.fromBase32(typed));
    }

    @Test
    void ofWhenCallerChangesArrayThenSecretUnchanged() {
        byte[] bytes = "12345678901234567890".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        OtpSecret secret = OtpSecret.of(bytes);
        bytes[0] = 'x';
        secret.bytes()[1] = 'y';

        assertEquals(RFC4226_BASE32, secret.toBase32());
    }

    @Test
    void toStringWhenCalledThenValueHidden() {
        OtpSecret secret = OtpSecret.fromBase32(RFC4226_BASE32);

        assertFalse(secret.toString().contains(RFC4226_BASE32));
        assertFalse(secret.toString().contains("1234567890"));
    }
}
