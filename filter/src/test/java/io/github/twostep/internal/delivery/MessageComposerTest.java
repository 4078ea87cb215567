package io.github.twostep.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.delivery.Channel;
import io.github.twostep.delivery.OutgoingMessage;
import io.github.twostep.delivery.Purpose;
import io.github.twostep.delivery.SecurityNotice;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageComposerTest {
    private static final String NOT_ME = "https://app.example.com/2fa/not-me?t=abc&u=1";

    private final MessageComposer composer = new MessageComposer("TwoStep Sample");

    @Test
    void smsCodeWhenComposedThenLastLineIsWebOtp() {
        OutgoingMessage sms = composer.smsCode(Purpose.SIGN_IN_CODE, "+1 555 0100", "123456", 5, "example.com",
                Locale.ENGLISH);

        assertEquals("Your TwoStep Sample code is 123456. It expires in 5 minutes.\n\n@example.com #123456",
                sms.text());
        assertEquals(Channel.SMS, sms.channel());
        assertNull(sms.subject());
        assertNull(sms.html());
    }

    @Test
    void smsCodeWhenNoHostThenNoWebOtpLine() {
        OutgoingMessage sms = composer.smsCode(Purpose.SIGN_IN_CODE, "+1 555 0100", "123456", 5, null,
                Locale.ENGLISH);

        assertEquals("Your TwoStep Sample code is 123456. It expires in 5 minutes.", sms.text());
    }

    @Test
    void smsCodeWhenOneMinuteThenSingular() {
        OutgoingMessage sms = composer.smsCode(Purpose.SIGN_IN_CODE, "+1 555 0100", "ABCDEF", 1, "Example.COM",
                Locale.ENGLISH);

        assertEquals("Your TwoStep Sample code is ABCDEF. It expires in 1 minute.\n\n@example.com #ABCDEF",
                sms.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com", "example.com:8443", "example.com/path", "exa mple.com", ""})
    void smsCodeWhenHostNotBareThenRejected(String host) {
        assertThrows(IllegalArgumentException.class, () -> composer.smsCode(Purpose.SIGN_IN_CODE, "+1 555 0100",
                "123456", 5, host, Locale.ENGLISH));
    }

    @Test
    void smsCodeWhenGermanThenGermanText() {
        OutgoingMessage sms = composer.smsCode(Purpose.SIGN_IN_CODE, "+49 30 1234567", "123456", 5, "example.com",
                Locale.GERMANY);

        assertEquals("Ihr Code für TwoStep Sample lautet 123456. Er ist 5 Minuten gültig.\n\n@example.com #123456",
                sms.text());
    }

    @Test
    void callCodeWhenComposedThenDigitsSpokenSeparatelyTwice() {
        OutgoingMessage call = composer.callCode(Purpose.SIGN_IN_CODE, "+1 555 0100", "123456", 5, Locale.ENGLISH);

        assertEquals("Your TwoStep Sample code is: 1, 2, 3, 4, 5, 6. Once more: 1, 2, 3, 4, 5, 6."
                + " It expires in 5 minutes.", call.text());
        assertEquals(Channel.CALL, call.channel());
    }

    @Test
    void emailCodeWhenComposedThenSubjectWithoutCodeAndBothBodiesWithCode() {
        OutgoingMessage email = composer.emailCode(Purpose.SIGN_IN_CODE, "alice@example.com", "123456", 5, NOT_ME,
                Locale.ENGLISH);

        assertEquals("Your TwoStep Sample sign-in code", email.subject());
        assertFalse(email.subject().contains("123456"));
        assertTrue(email.text().contains("    123456\n"), email.text());
        assertTrue(email.text().contains("It expires in 5 minutes."));
        assertTrue(email.text().contains("This wasn't me: lock two-step sign-in\n" + NOT_ME + "\n"), email.text());
        assertTrue(email.html().contains(">123456</p>"), email.html());
        assertTrue(email.html().contains("href=\"https://app.example.com/2fa/not-me?t&#x3D;abc&amp;u&#x3D;1\""), email.html());
        assertTrue(email.html().contains("This wasn&#39;t me"), email.html());
        assertTrue(email.html().startsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
    }

    @Test
    void emailCodeWhenNoNotMeLinkThenNoLinkInEitherBody() {
        OutgoingMessage email = composer.emailCode(Purpose.SETUP_CODE, "alice@example.com", "123456", 5, null,
                Locale.ENGLISH);

        assertFalse(email.text().contains("wasn't me"), email.text());
        assertFalse(email.html().contains("<a "), email.html());
        assertFalse(email.text().contains("\n\n\n"), email.text());
    }

    @Test
    void emailCodeWhenSiteNameHoldsMarkupThenEscapedInHtml() {
        MessageComposer hostile = new MessageComposer("<script>alert(1)</script> & Co");

        OutgoingMessage email = hostile.emailCode(Purpose.SIGN_IN_CODE, "alice@example.com", "123456", 5, null,
                Locale.ENGLISH);

        assertFalse(email.html().contains("<script>"), email.html());
        assertTrue(email.html().contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"), email.html());
        assertTrue(email.text().contains("<script>alert(1)</script> & Co"), email.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "/relative/path", "ftp://example.com/x"})
    void emailCodeWhenNotMeLinkNotHttpThenRejected(String url) {
        assertThrows(IllegalArgumentException.class, () -> composer.emailCode(Purpose.SIGN_IN_CODE,
                "alice@example.com", "123456", 5, url, Locale.ENGLISH));
    }

    @Test
    void emailCodeWhenGermanThenGermanTextsAndLang() {
        OutgoingMessage email = composer.emailCode(Purpose.SIGN_IN_CODE, "jörg@example.de", "123456", 1, NOT_ME,
                Locale.GERMAN);

        assertEquals("Ihr Anmeldecode für TwoStep Sample", email.subject());
        assertTrue(email.text().contains("Er ist 1 Minute gültig."), email.text());
        assertTrue(email.html().contains("<html lang=\"de\">"));
    }

    @Test
    void emailCodeWhenLocaleWithoutTextsThenEnglishWhateverTheDefault() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            OutgoingMessage email = composer.emailCode(Purpose.SIGN_IN_CODE, "alice@example.com", "123456", 5,
                    null, Locale.JAPANESE);

            assertEquals("Your TwoStep Sample sign-in code", email.subject());
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void codeWhenPurposeIsNoticeThenRejected() {
        assertThrows(IllegalArgumentException.class, () -> composer.emailCode(Purpose.SECURITY_NOTICE,
                "alice@example.com", "123456", 5, null, Locale.ENGLISH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12 34", "12\n@evil.com #1", "１２３"})
    void codeWhenNotLettersOrDigitsThenRejected(String code) {
        assertThrows(IllegalArgumentException.class, () -> composer.smsCode(Purpose.SIGN_IN_CODE, "+1 555 0100",
                code, 5, "example.com", Locale.ENGLISH));
    }

    @ParameterizedTest
    @EnumSource(SecurityNotice.class)
    void securityNoticeWhenComposedThenEveryKindHasTextsInBothLanguages(SecurityNotice notice) {
        for (Locale locale : new Locale[] {Locale.ENGLISH, Locale.GERMAN}) {
            OutgoingMessage email = composer.securityNotice(notice, "alice@example.com", null, NOT_ME, locale);

            assertEquals(Purpose.SECURITY_NOTICE, email.purpose());
            assertTrue(email.subject().contains("TwoStep Sample"), email.subject());
            assertTrue(email.text().contains(NOT_ME), email.text());
            assertTrue(email.html().contains(email.subject().replace("'", "&#39;")), email.html());
        }
    }

    @Test
    void securityNoticeWhenDetailGivenThenShownOnOneLineAndEscaped() {
        OutgoingMessage email = composer.securityNotice(SecurityNotice.NEW_TRUSTED_DEVICE, "alice@example.com",
                "Firefox <b>on</b>\r\nLinux", null, Locale.ENGLISH);

        assertTrue(email.text().contains("Device: Firefox <b>on</b> Linux\n"), email.text());
        assertTrue(email.html().contains("Device: Firefox &lt;b&gt;on&lt;/b&gt; Linux"), email.html());
        assertFalse(email.text().contains("wasn't me"));
    }
}
