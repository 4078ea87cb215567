package io.github.twostep.internal.otp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.config.Algorithm;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_010L);
    private static final OtpSecret SECRET = OtpSecret.of("12345678901234567890".getBytes(US_ASCII));

    private static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static OtpSecret rfc6238Seed(Algorithm algorithm) {
        String seed = switch (algorithm) {
            case SHA1 -> "12345678901234567890";
            case SHA256 -> "12345678901234567890123456789012";
            case SHA512 -> "1234567890123456789012345678901234567890123456789012345678901234";
        };
        return OtpSecret.of(seed.getBytes(US_ASCII));
    }

    @ParameterizedTest(name = "{0} s {2} -> {1}")
    @CsvSource({
        "59, 94287082, SHA1", "59, 46119246, SHA256", "59, 90693936, SHA512",
        "1111111109, 07081804, SHA1", "1111111109, 68084774, SHA256", "1111111109, 25091201, SHA512",
        "1111111111, 14050471, SHA1", "1111111111, 67062674, SHA256", "1111111111, 99943326, SHA512",
        "1234567890, 89005924, SHA1", "1234567890, 91819424, SHA256", "1234567890, 93441116, SHA512",
        "2000000000, 69279037, SHA1", "2000000000, 90698825, SHA256", "2000000000, 38618901, SHA512",
        "20000000000, 65353130, SHA1", "20000000000, 77737706, SHA256", "20000000000, 47863826, SHA512",
    })
    void verifyWhenRfc6238AppendixBVectorThenGeneratedAndAcceptedAtOffsetZero(
            long epochSeconds, String expected, Algorithm algorithm) {
        Totp totp = new Totp(algorithm, 8, 30, 0, clockAt(Instant.ofEpochSecond(epochSeconds)));
        Hotp key = totp.key(rfc6238Seed(algorithm));

        assertEquals(expected, totp.currentCode(key));
        assertEquals(Optional.of(new TotpMatch(epochSeconds / 30, 0)), totp.verify(key, expected));
    }

    @ParameterizedTest(name = "window {1} s at period {0} s -> k = {2}")
    @CsvSource({"30, 180, 3", "30, 0, 0", "30, 59, 0", "30, 60, 1", "60, 180, 1", "15, 900, 30"})
    void stepsEachSideWhenWindowGivenThenFloorOfWindowOverTwoPeriods(int period, int window, int k) {
        assertEquals(k, new Totp(Algorithm.SHA1, 6, period, window, clockAt(NOW)).stepsEachSide());
    }

    @ParameterizedTest(name = "offset {0}")
    @ValueSource(ints = {-3, -2, -1, 0, 1, 2, 3})
    void verifyWhenCodeInsideWindowThenMatchedStepAndOffsetReported(int offset) {
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, clockAt(NOW));
        Hotp key = totp.key(SECRET);
        long step = totp.currentStep() + offset;

        assertEquals(Optional.of(new TotpMatch(step, offset)), totp.verify(key, key.generate(step)));
    }

    @ParameterizedTest(name = "offset {0}")
    @ValueSource(ints = {-5, -4, 4, 5})
    void verifyWhenCodeJustOutsideWindowThenRejected(int offset) {
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, clockAt(NOW));
        Hotp key = totp.key(SECRET);

        assertEquals(Optional.empty(), totp.verify(key, key.generate(totp.currentStep() + offset)));
    }

    @Test
    void verifyWhenClockAtLastMillisecondOfStepThenNextStepIsStillOneAhead() {
        Instant lastMilli = Instant.ofEpochSecond(1_700_000_010L / 30 * 30 + 30).minusMillis(1);
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 60, clockAt(lastMilli));
        Hotp key = totp.key(SECRET);
        long current = totp.currentStep();

        assertEquals(1_700_000_010L / 30, current);
        assertEquals(Optional.of(new TotpMatch(current + 1, 1)), totp.verify(key, key.generate(current + 1)));
        assertEquals(Optional.empty(), totp.verify(key, key.generate(current + 2)));
    }

    @Test
    void verifyWhenWindowZeroThenOnlyCurrentStepAccepted() {
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 0, clockAt(NOW));
        Hotp key = totp.key(SECRET);
        long current = totp.currentStep();

        assertTrue(totp.verify(key, key.generate(current)).isPresent());
        assertEquals(Optional.empty(), totp.verify(key, key.generate(current - 1)));
        assertEquals(Optional.empty(), totp.verify(key, key.generate(current + 1)));
    }

    @Test
    void verifyWhenCodeReusedThenRejected() {
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, clockAt(NOW));
        Hotp key = totp.key(SECRET);
        String code = totp.currentCode(key);
        TotpMatch first = totp.verify(key, code, Long.MIN_VALUE).orElseThrow();

        assertEquals(Optional.empty(), totp.verify(key, code, first.step()));
    }

    @Test
    void verifyWhenStepOlderThanLastAcceptedThenRejectedAndNewerAccepted() {
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, clockAt(NOW));
        Hotp key = totp.key(SECRET);
        long current = totp.currentStep();

        assertEquals(Optional.empty(), totp.verify(key, key.generate(current - 2), current - 1));
        assertEquals(Optional.of(new TotpMatch(current, 0)),
                totp.verify(key, key.generate(current), current - 1));
        assertEquals(Optional.of(new TotpMatch(current + 1, 1)),
                totp.verify(key, key.generate(current + 1), current));
    }

    @Test
    void verifyWhenCodeHasSpacesOrDashesThenAccepted() {
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, clockAt(NOW));
        Hotp key = totp.key(SECRET);
        String code = totp.currentCode(key);
        String spaced = code.substring(0, 3) + " " + code.substring(3);
        String dashed = code.substring(0, 3) + "-" + code.substring(3);

        assertTrue(totp.verify(key, spaced).isPresent());
        assertTrue(totp.verify(key, dashed).isPresent());
        assertTrue(totp.verify(key, " " + code + " ").isPresent());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "12345", "1234567", "12a456", "abcdef", "123.456", "+12345",
        "１２３４５６", "١٢٣٤٥٦", "12345678901234567890123456789012345678901234567890123456789012345"})
    void verifyWhenCodeMalformedThenRejectedWithoutException(String code) {
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, clockAt(NOW));

        assertEquals(Optional.empty(), totp.verify(totp.key(SECRET), code));
    }

    @Test
    void verifyWhenWrongCodeThenRejected() {
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 0, clockAt(NOW));
        Hotp key = totp.key(SECRET);
        String right = totp.currentCode(key);
        String wrong = String.format("%06d", (Integer.parseInt(right) + 1) % 1_000_000);

        assertEquals(Optional.empty(), totp.verify(key, wrong));
    }

    @Test
    void verifyWhenFourDigitsAndSixtySecondPeriodThenWindowOfOneStepEachSide() {
        Totp totp = new Totp(Algorithm.SHA1, 4, 60, 180, clockAt(NOW));
        Hotp key = totp.key(SECRET);
        long current = totp.currentStep();

        assertEquals(4, totp.currentCode(key).length());
        assertEquals(Optional.of(new TotpMatch(current - 1, -1)), totp.verify(key, key.generate(current - 1)));
    }

    @Test
    void verifyWhenKeyMadeForOtherDigitsThenRejectedAsMisuse() {
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, clockAt(NOW));
        Hotp eightDigits = new Hotp(SECRET, Algorithm.SHA1, 8);

        assertThrows(IllegalArgumentException.class, () -> totp.verify(eightDigits, "12345678"));
    }

    @Test
    void constructWhenPeriodOrWindowOutOfRangeThenRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Totp(Algorithm.SHA1, 6, 0, 180, clockAt(NOW)));
        assertThrows(IllegalArgumentException.class, () -> new Totp(Algorithm.SHA1, 6, 30, -1, clockAt(NOW)));
        assertThrows(IllegalArgumentException.class, () -> new Totp(Algorithm.SHA1, 3, 30, 0, clockAt(NOW)));
    }
}
