package io.github.twostep.delivery;

import java.util.Objects;

/**
 * One message to send. Its {@code text} (and {@code html}) usually hold a one-time code, so
 * {@link #toString()} shows only the channel, the purpose and the masked contact.
 *
 * @param channel how it travels
 * @param purpose why it is sent
 * @param to      email address or phone number
 * @param subject the email subject; null for SMS and call
 * @param text    the plain body: the email's text part, the SMS text, the words a call speaks
 * @param html    the email's HTML part; null for a plain-text email, and always for SMS and call
 */
public record OutgoingMessage(Channel channel, Purpose purpose, String to, String subject, String text,
                              String html) {

    public OutgoingMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        if (to.isBlank()) {
            throw new IllegalArgumentException("to is blank");
        }
        if (channel == Channel.EMAIL) {
            Objects.requireNonNull(subject, "subject");
        } else if (subject != null || html != null) {
            throw new IllegalArgumentException("subject and html are for email only, not " + channel);
        }
    }

    /** The contact as users may see it: {@code a***@example.com} or {@code +1 ••• ••• 0100}. */
    public String maskedTo() {
        return channel.masked(to);
    }

    @Override
    public String toString() {
        return "OutgoingMessage[channel=" + channel + ", purpose=" + purpose + ", to=" + maskedTo() + "]";
    }
}
