package io.github.twostep.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.twostep.TwoStepException;
import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.otp.OtpAuthUri;
import io.github.twostep.internal.otp.OtpSecret;
import java.nio.charset.StandardCharsets;

/**
 * {@code otpauth://} URIs: parsing any text gives a URI or a {@link TwoStepException}, and a URI
 * built from any issuer and account reads back as the same URI.
 */
class OtpAuthUriFuzzTest {
    private static final OtpSecret SECRET = OtpSecret.of("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @FuzzTest(maxDuration = FuzzInput.RUN_TIME)
    void parseWhenAnyTextThenUriOrTwoStepException(byte[] data) {
        OtpAuthUri parsed;
        try {
            parsed = OtpAuthUri.parse(FuzzInput.text(data));
        } catch (TwoStepException expected) {
            return;
        }
        assertEquals(parsed, OtpAuthUri.parse(parsed.toUri()), "a parsed URI written out reads back differently");
    }

    /** Issuer, then a NUL byte, then account. */
    @FuzzTest(maxDuration = FuzzInput.RUN_TIME)
    void toUriWhenAnyIssuerAndAccountThenParsesBackEqual(byte[] data) {
        String[] texts = FuzzInput.twoTexts(data);
        OtpAuthUri uri;
        try {
            uri = new OtpAuthUri(texts[0], texts[1], SECRET, Algorithm.SHA256, 8, 60);
        } catch (IllegalArgumentException expected) {
            return;
        }
        if (Character.isWhitespace(texts[1].charAt(0))) {
            // The Key URI format lets spaces precede the account and parse drops them: " bob" reads back as "bob".
            return;
        }
        assertEquals(uri, OtpAuthUri.parse(uri.toUri()), "a built URI reads back differently");
    }
}
