package io.github.twostep.internal.delivery;

import io.github.twostep.config.SmtpSettings;
import io.github.twostep.delivery.Channel;
import io.github.twostep.delivery.CodeSender;
import io.github.twostep.delivery.DeliveryException;
import io.github.twostep.delivery.OutgoingMessage;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Sends email through an SMTP server with Jakarta Mail (Angus), as configured in the
 * {@code smtp} settings: STARTTLS (required, never silently skipped) or TLS from the start,
 * login when a user name is set, and the same timeout for connecting, reading and writing.
 * A message with an HTML part goes out as {@code multipart/alternative}; all text is UTF-8.
 * Thread-safe: each message opens its own connection.
 */
public final class SmtpCodeSender implements CodeSender {
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final SmtpSettings settings;
    private final Session session;

    /** A sender for the server in {@code settings}; nothing is connected until the first message. */
    public SmtpCodeSender(SmtpSettings settings) {
        this(settings, Map.of());
    }

    /** For tests: extra session properties, such as trusting a test server's certificate. */
    SmtpCodeSender(SmtpSettings settings, Map<String, String> overrides) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Properties properties = sessionProperties(settings);
        properties.putAll(Objects.requireNonNull(overrides, "overrides"));
        this.session = Session.getInstance(properties);
    }

    /**
     * Sends one email.
     *
     * @throws IllegalArgumentException when the message is not for the EMAIL channel
     * @throws DeliveryException        when the server cannot be reached, times out or refuses
     *                                  the message; it names the server, never the body
     */
    @Override
    public void send(OutgoingMessage message) {
        Objects.requireNonNull(message, "message");
        if (message.channel() != Channel.EMAIL) {
            throw new IllegalArgumentException("SmtpCodeSender sends email only, not " + message.channel());
        }
        try {
            MimeMessage mime = toMime(message);
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
                transport.sendMessage(mime, mime.getAllRecipients());
            }
        } catch (MessagingException e) {
            throw new DeliveryException("SMTP server " + settings.host() + ":" + settings.port()
                    + " did not take the email for " + message.maskedTo() + " (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }

    private MimeMessage toMime(OutgoingMessage message) throws MessagingException {
        MimeMessage mime = new MimeMessage(session);
        mime.setFrom(new InternetAddress(settings.from(), true));
        mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.to(), true));
        mime.setSubject(message.subject(), UTF_8);
        mime.setSentDate(new Date());
        if (message.html() == null) {
            mime.setText(message.text(), UTF_8, "plain");
        } else {
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(message.text(), UTF_8, "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(message.html(), UTF_8, "html");
            mime.setContent(new MimeMultipart("alternative", plain, html));
        }
        mime.saveChanges();
        return mime;
    }

    /** The Jakarta Mail session properties for {@code settings}. */
    static Properties sessionProperties(SmtpSettings settings) {
        String timeoutMillis = Long.toString(settings.timeoutSeconds() * 1000L);
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", settings.host());
        properties.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        properties.setProperty("mail.smtp.from", settings.from());
        properties.setProperty("mail.smtp.connectiontimeout", timeoutMillis);
        properties.setProperty("mail.smtp.timeout", timeoutMillis);
        properties.setProperty("mail.smtp.writetimeout", timeoutMillis);
        properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(settings.starttls()));
        properties.setProperty("mail.smtp.starttls.required", Boolean.toString(settings.starttls()));
        properties.setProperty("mail.smtp.ssl.enable", Boolean.toString(settings.ssl()));
        properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        properties.setProperty("mail.smtp.auth", Boolean.toString(settings.username() != null));
        properties.setProperty("mail.mime.charset", UTF_8);
        return properties;
    }
}
