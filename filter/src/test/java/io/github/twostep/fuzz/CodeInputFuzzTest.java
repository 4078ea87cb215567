package io.github.twostep.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.otp.CodeFormat;
import io.github.twostep.internal.otp.Hotp;
import io.github.twostep.internal.otp.InvalidSecretException;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import io.github.twostep.internal.otp.TotpMatch;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Typed codes and secrets as a person (or an attacker) may type them: normalising and verifying
 * never throw, and whatever is accepted has the one canonical form.
 */
class CodeInputFuzzTest {
    /** RFC 6238's SHA1 secret; at this instant the app shows 287082 (the RFC's 59 s vector cut to 6 digits). */
    private static final OtpSecret SECRET = OtpSecret.of("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(59), ZoneOffset.UTC);
    private static final Totp TOTP = new Totp(Algorithm.SHA1, 6, 30, 180, CLOCK);
    private static final Hotp KEY = TOTP.key(SECRET);

    @FuzzTest(maxDuration = FuzzInput.RUN_TIME)
    void normalizeWhenAnyTextThenEmptyOrCanonical(byte[] data) {
        String typed = FuzzInput.text(data);
        Optional<String> canonical = CodeFormat.normalize(typed);
        if (canonical.isEmpty()) {
            return;
        }
        String code = canonical.get();
        assertTrue(code.matches("[A-Z0-9]+"), "canonical code has other characters");
        assertTrue(code.length() <= typed.length(), "canonical code is longer than the input");
        assertEquals(canonical, CodeFormat.normalize(code), "normalising twice changes the code");
        String shown = CodeFormat.grouped(code);
        // Real codes have at most 20 characters; past 102 the dashes alone exceed the input limit.
        if (shown.length() <= CodeFormat.MAX_INPUT_CHARS) {
            assertEquals(canonical, CodeFormat.normalize(shown), "the shown form reads back differently");
        }
    }

    @FuzzTest(maxDuration = FuzzInput.RUN_TIME)
    void fromBase32WhenAnyTextThenSecretOrInvalidSecret(byte[] data) {
        OtpSecret secret;
        try {
            secret = OtpSecret.fromBase32(FuzzInput.text(data));
        } catch (InvalidSecretException expected) {
            return;
        }
        assertTrue(secret.length() >= OtpSecret.MIN_BYTES && secret.length() <= OtpSecret.MAX_BYTES,
                "secret of " + secret.length() + " bytes accepted");
        assertEquals(secret, OtpSecret.fromBase32(secret.toBase32()), "Base32 form reads back differently");
    }

    @FuzzTest(maxDuration = FuzzInput.RUN_TIME)
    void verifyWhenAnyTextThenMatchOnlyForTheCodeOfAStepInTheWindow(byte[] data) {
        String typed = FuzzInput.text(data);
        TOTP.verify(KEY, typed).ifPresent(match -> assertCodeOf(match, typed));
        long current = TOTP.currentStep();
        TOTP.verify(KEY, typed, current).ifPresent(match -> {
            assertCodeOf(match, typed);
            assertTrue(match.step() > current, "a step at or before the last used one was accepted");
        });
    }

    private static void assertCodeOf(TotpMatch match, String typed) {
        assertTrue(Math.abs(match.offset()) <= TOTP.stepsEachSide(), "match outside the window");
        assertEquals(KEY.generate(match.step()), typed.replace(" ", "").replace("-", ""),
                "accepted text is not the code of the matched step");
    }
}
