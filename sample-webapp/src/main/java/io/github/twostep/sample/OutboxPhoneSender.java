package io.github.twostep.sample;

import io.github.twostep.delivery.Channel;
import io.github.twostep.delivery.CodeSender;
import io.github.twostep.delivery.DeliveryException;
import io.github.twostep.delivery.DevOutbox;
import io.github.twostep.delivery.OutgoingMessage;
import java.util.Objects;

/**
 * The sample's SMS and call "provider": text messages and the words a call would speak go to the
 * sample's dev outbox instead of a phone. Name it in the settings as {@code delivery.sms} and
 * {@code delivery.call} (the {@code sms-call} profile does); the sample then hands it its outbox.
 * It shows how an application's sender looks: a {@link CodeSender} with a public no-argument
 * constructor. Created by anything but the sample, it has no outbox and refuses every message
 * with a {@link DeliveryException}, which TwoStep reports as a failed send.
 */
public final class OutboxPhoneSender implements CodeSender {
    private final DevOutbox outbox;

    /** For the settings ({@code delivery.sms}, {@code delivery.call}): not connected to a sample's outbox. */
    public OutboxPhoneSender() {
        this.outbox = null;
    }

    OutboxPhoneSender(DevOutbox outbox) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    @Override
    public void send(OutgoingMessage message) {
        Objects.requireNonNull(message, "message");
        if (message.channel() == Channel.EMAIL) {
            throw new DeliveryException("OutboxPhoneSender sends SMS and calls, not email");
        }
        if (outbox == null) {
            throw new DeliveryException("OutboxPhoneSender writes to the dev outbox of the TwoStep sample app "
                    + "and works only there");
        }
        outbox.send(message);
    }
}
