package io.github.twostep.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * One message kept by the {@link DevOutbox}. In JSON it is
 * {@code {"to", "channel", "subject", "body", "sentAt"}} with {@link Channel#wireName()} for
 * the channel and {@link Instant#toString()} (ISO-8601, UTC) for the time.
 *
 * @param to      email address or phone number, unmasked: the outbox is for developers
 * @param channel how it would have travelled
 * @param subject the email subject; null for SMS and call
 * @param body    the plain text, code included
 * @param sentAt  when it was handed to the outbox
 */
public record OutboxEntry(String to, Channel channel, String subject, String body, Instant sentAt) {

    public OutboxEntry {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(sentAt, "sentAt");
    }

    @Override
    public String toString() {
        return "OutboxEntry[channel=" + channel + ", to="
                + channel.masked(to) + ", sentAt=" + sentAt
                + "]";
    }
}
