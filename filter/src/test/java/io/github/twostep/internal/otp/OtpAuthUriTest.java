package io.github.twostep.internal.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.TwoStepException;
import io.github.twostep.config.Algorithm;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OtpAuthUriTest {
    private static final String BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    private static final OtpSecret SECRET = OtpSecret.fromBase32(BASE32);

    @Test
    void toUriWhenIssuerAndAccountHaveColonsSpacesAtAndAccentsThenPercentEncoded() {
        OtpAuthUri uri = new OtpAuthUri("Café & Co: Test", "josé@example.com", SECRET, Algorithm.SHA256, 8, 60);

        assertEquals("otpauth://totp/Caf%C3%A9%20%26%20Co%3A%20Test:jos%C3%A9%40example.com"
                + "?secret=" + BASE32 + "&issuer=Caf%C3%A9%20%26%20Co%3A%20Test"
                + "&algorithm=SHA256&digits=8&period=60", uri.toUri());
    }

    @Test
    void toUriWhenNoIssuerAndAccountHasColonThenLabelStartsWithSeparator() {
        OtpAuthUri uri = new OtpAuthUri("", "corp:alice", SECRET, Algorithm.SHA1, 6, 30);

        assertTrue(uri.toUri().startsWith("otpauth://totp/:corp%3Aalice?"), uri.toUri());
    }

    @Test
    void parseWhenNoIssuerAndSpaceBeforeAccountThenTrimmedAsWithIssuer() {
        OtpAuthUri parsed = OtpAuthUri.parse("otpauth://totp/%20%0Aalice?secret=" + BASE32);

        assertEquals("", parsed.issuer());
        assertEquals("alice", parsed.account());
    }

    @Test
    void toUriWhenBuiltThenValidJavaUri() {
        OtpAuthUri uri = new OtpAuthUri("Café & Co: Test", "josé@example.com", SECRET, Algorithm.SHA1, 6, 30);

        URI parsed = URI.create(uri.toUri());
        assertEquals("otpauth", parsed.getScheme());
        assertEquals("/Café & Co: Test:josé@example.com", parsed.getPath());
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
        "Café & Co: Test | josé@example.com",
        "TwoStep Sample  | alice",
        "a:b:c           | d:e",
        "plus+sign       | 100% sure?#",
        "日本             | ユーザー",
        "''              | only-account",
        "''              | corp:alice",
    })
    void parseWhenOwnUriThenSameValues(String issuer, String account) {
        OtpAuthUri original = new OtpAuthUri(issuer, account, SECRET, Algorithm.SHA512, 10, 45);

        OtpAuthUri parsed = OtpAuthUri.parse(original.toUri());

        assertEquals(original, parsed);
        assertEquals(issuer, parsed.issuer());
        assertEquals(account, parsed.account());
    }

    @Test
    void parseWhenOptionalParametersMissingThenKeyUriDefaults() {
        OtpAuthUri parsed = OtpAuthUri.parse("otpauth://totp/alice%40example.com?secret=" + BASE32.toLowerCase());

        assertEquals(new OtpAuthUri("", "alice@example.com", SECRET, Algorithm.SHA1, 6, 30), parsed);
    }

    @Test
    void parseWhenSeparatorColonEncodedAndSpaceBeforeAccountThenSplitAndTrimmed() {
        OtpAuthUri parsed = OtpAuthUri.parse(
                "otpauth://totp/ACME%20Co%3A%20john.doe%40email.com?secret=" + BASE32
                        + "&issuer=ACME%20Co&image=https%3A%2F%2Fexample.com%2Fa.png");

        assertEquals("ACME Co", parsed.issuer());
        assertEquals("john.doe@email.com", parsed.account());
    }

    @Test
    void parseWhenOnlyIssuerParameterThenIssuerTaken() {
        OtpAuthUri parsed = OtpAuthUri.parse("otpauth://totp/alice?secret=" + BASE32 + "&issuer=Example");

        assertEquals("Example", parsed.issuer());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "otpauth://hotp/Example:alice?secret=" + BASE32 + "&counter=0",
        "https://example.com/Example:alice?secret=" + BASE32,
        "otpauth://totp/Example:alice",
        "otpauth://totp/Example:alice?issuer=Example",
        "otpauth://totp/Example:alice?secret=" + BASE32 + "&issuer=Other",
        "otpauth://totp/Example:alice?secret=" + BASE32 + "&algorithm=MD5",
        "otpauth://totp/Example:alice?secret=" + BASE32 + "&digits=12",
        "otpauth://totp/Example:alice?secret=" + BASE32 + "&digits=six",
        "otpauth://totp/Example:alice?secret=" + BASE32 + "&period=0",
        "otpauth://totp/Example:alice?secret=" + BASE32 + "&secret=" + BASE32,
        "otpauth://totp/Example:%E9?secret=" + BASE32,
        "otpauth://totp/Example:%4?secret=" + BASE32,
        "otpauth://totp/Example:?secret=" + BASE32,
        "otpauth://totp/Example:alice?secret=" + BASE32 + "1",
    })
    void parseWhenInvalidThenRejectedWithoutEchoingSecret(String text) {
        TwoStepException e = assertThrows(TwoStepException.class, () -> OtpAuthUri.parse(text));

        assertFalse(e.getMessage().contains(BASE32));
    }

    @Test
    void toStringWhenCalledThenSecretHidden() {
        OtpAuthUri uri = new OtpAuthUri("Example", "alice", SECRET, Algorithm.SHA1, 6, 30);

        assertFalse(uri.toString().contains(BASE32));
        assertTrue(uri.toString().contains("alice"));
    }
}
