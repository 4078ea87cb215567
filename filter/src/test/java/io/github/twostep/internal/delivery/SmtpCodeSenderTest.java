package io.github.twostep.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.github.twostep.config.SmtpSettings;
import io.github.twostep.delivery.Channel;
import io.github.twostep.delivery.DeliveryException;
import io.github.twostep.delivery.OutgoingMessage;
import io.github.twostep.delivery.Purpose;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpCodeSenderTest {
    private static final String PASSWORD = "s3cret-smtp-pass";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(patient(ServerSetupTest.SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("twostep", PASSWORD));

    @RegisterExtension
    static final GreenMailExtension SMTPS = new GreenMailExtension(patient(ServerSetupTest.SMTPS))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("twostep", PASSWORD));

    /**
     * {@code setup} on a free port, given 30 s to start instead of GreenMail's 2 s: an SMTPS server
     * makes its TLS key first, which on a loaded 2-core machine took longer than 2 s.
     */
    private static ServerSetup patient(ServerSetup setup) {
        ServerSetup copy = setup.dynamicPort();
        copy.setServerStartupTimeout(30_000);
        return copy;
    }

    private final MessageComposer composer = new MessageComposer("TwoStep Sample");

    @Test
    void sendWhenPlainSmtpWithLoginThenBothPartsArriveInUtf8() throws Exception {
        OutgoingMessage email = composer.emailCode(Purpose.SIGN_IN_CODE, "jorg.muller@example.com",
                "482913", 5, "https://app.example.com/2fa/not-me?t=1", Locale.GERMAN);

        new SmtpCodeSender(settings(SMTP.getSmtp().getPort(), false, false, "twostep", PASSWORD)).send(email);

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertEquals(1, received.length);
        MimeMessage mail = received[0];
        assertEquals("Ihr Anmeldecode für TwoStep Sample", mail.getSubject());
        assertEquals(new InternetAddress("no-reply@example.com"), mail.getFrom()[0]);
        assertEquals(new InternetAddress("jorg.muller@example.com"), mail.getAllRecipients()[0]);
        assertTrue(mail.getContentType().startsWith("multipart/alternative"), mail.getContentType());
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertEquals(2, parts.getCount());
        assertTrue(parts.getBodyPart(0).getContentType().toLowerCase(Locale.ROOT)
                .startsWith("text/plain; charset=utf-8"), parts.getBodyPart(0).getContentType());
        assertTrue(parts.getBodyPart(1).getContentType().toLowerCase(Locale.ROOT)
                .startsWith("text/html; charset=utf-8"), parts.getBodyPart(1).getContentType());
        String plain = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertTrue(plain.contains("482913") && plain.contains("Er ist 5 Minuten gültig."), plain);
        assertTrue(html.contains(">482913</p>") && html.contains("Zwei-Faktor-Anmeldung"), html);
    }

    @Test
    void sendWhenNoHtmlThenSinglePlainPart() throws Exception {
        OutgoingMessage email = new OutgoingMessage(Channel.EMAIL, Purpose.SIGN_IN_CODE, "alice@example.com",
                "Grüße", "Code 123456 – gültig", null);

        new SmtpCodeSender(settings(SMTP.getSmtp().getPort(), false, false, "twostep", PASSWORD)).send(email);

        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertEquals("Grüße", mail.getSubject());
        assertTrue(mail.getContentType().toLowerCase(Locale.ROOT).startsWith("text/plain; charset=utf-8"));
        assertEquals("Code 123456 – gültig", mail.getContent());
    }

    @Test
    void sendWhenSslFromTheStartThenDelivered() throws Exception {
        SmtpCodeSender sender = new SmtpCodeSender(settings(SMTPS.getSmtps().getPort(), false, true, "twostep",
                PASSWORD), Map.of("mail.smtp.ssl.trust", "*", "mail.smtp.ssl.checkserveridentity", "false"));

        sender.send(composer.emailCode(Purpose.SIGN_IN_CODE, "alice@example.com", "123456", 5, null, Locale.ENGLISH));

        assertEquals(1, SMTPS.getReceivedMessages().length);
    }

    @Test
    void sendWhenStarttlsRequiredButNotOfferedThenRefusedAndNothingSent() {
        SmtpCodeSender sender = new SmtpCodeSender(settings(SMTP.getSmtp().getPort(), true, false, "twostep",
                PASSWORD));

        DeliveryException e = assertThrows(DeliveryException.class, () -> sender.send(emailWithCode()));

        assertTrue(e.getCause().getMessage().contains("STARTTLS"), e.getCause().getMessage());
        assertEquals(0, SMTP.getReceivedMessages().length);
    }

    @Test
    void sendWhenPasswordWrongThenDeliveryExceptionWithoutSecrets() {
        SmtpCodeSender sender = new SmtpCodeSender(settings(SMTP.getSmtp().getPort(), false, false, "twostep",
                "wrong-password"));

        DeliveryException e = assertThrows(DeliveryException.class, () -> sender.send(emailWithCode()));

        assertInstanceOf(AuthenticationFailedException.class, e.getCause());
        assertTrue(e.getMessage().contains("127.0.0.1:" + SMTP.getSmtp().getPort()), e.getMessage());
        assertTrue(e.getMessage().contains("a***@example.com"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-password") || e.getMessage().contains("918273"), e.getMessage());
        assertEquals(0, SMTP.getReceivedMessages().length);
    }

    @Test
    void sendWhenServerDownThenDeliveryExceptionFast() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SmtpCodeSender sender = new SmtpCodeSender(settings(closedPort, false, false, null, null));

        DeliveryException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(DeliveryException.class, () -> sender.send(emailWithCode())));

        assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
        assertFalse(e.getMessage().contains("918273"));
    }

    @Test
    void sendWhenServerNeverAnswersThenTimesOutAfterConfiguredTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            SmtpCodeSender sender = new SmtpCodeSender(settings(silent.getLocalPort(), false, false, null, null));

            long start = System.nanoTime();
            assertTimeoutPreemptively(Duration.ofSeconds(4),
                    () -> assertThrows(DeliveryException.class, () -> sender.send(emailWithCode())));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertTrue(took.compareTo(Duration.ofMillis(900)) >= 0, "gave up before the timeout: " + took);
        }
    }

    @Test
    void sendWhenNotEmailThenRejected() {
        SmtpCodeSender sender = new SmtpCodeSender(settings(SMTP.getSmtp().getPort(), false, false, null, null));
        OutgoingMessage sms = composer.smsCode(Purpose.SIGN_IN_CODE, "+1 555 0100", "123456", 5, "example.com",
                Locale.ENGLISH);

        assertThrows(IllegalArgumentException.class, () -> sender.send(sms));
    }

    @Test
    void sessionPropertiesWhenStarttlsOn587ThenRequiredAndTimeoutsInMillis() {
        Properties properties = SmtpCodeSender.sessionProperties(
                new SmtpSettings("mail.example.com", 587, true, false, "app", "pw", "no-reply@example.com", 10));

        assertEquals("true", properties.getProperty("mail.smtp.starttls.enable"));
        assertEquals("true", properties.getProperty("mail.smtp.starttls.required"));
        assertEquals("false", properties.getProperty("mail.smtp.ssl.enable"));
        assertEquals("true", properties.getProperty("mail.smtp.auth"));
        assertEquals("true", properties.getProperty("mail.smtp.ssl.checkserveridentity"));
        assertEquals("10000", properties.getProperty("mail.smtp.connectiontimeout"));
        assertEquals("10000", properties.getProperty("mail.smtp.timeout"));
        assertEquals("10000", properties.getProperty("mail.smtp.writetimeout"));
        assertFalse(properties.containsValue("pw"));
    }

    @Test
    void sessionPropertiesWhenSslOn465WithoutUserThenSslAndNoAuth() {
        Properties properties = SmtpCodeSender.sessionProperties(
                new SmtpSettings("mail.example.com", 465, false, true, null, null, "no-reply@example.com", 1));

        assertEquals("true", properties.getProperty("mail.smtp.ssl.enable"));
        assertEquals("false", properties.getProperty("mail.smtp.starttls.enable"));
        assertEquals("false", properties.getProperty("mail.smtp.auth"));
        assertEquals("1000", properties.getProperty("mail.smtp.timeout"));
    }

    private static OutgoingMessage emailWithCode() {
        return new OutgoingMessage(Channel.EMAIL, Purpose.SIGN_IN_CODE, "alice@example.com", "Your code",
                "Your code is 918273", "<p>918273</p>");
    }

    private static SmtpSettings settings(int port, boolean starttls, boolean ssl, String username, String password) {
        return new SmtpSettings("127.0.0.1", port, starttls, ssl, username, password, "no-reply@example.com", 1);
    }
}
