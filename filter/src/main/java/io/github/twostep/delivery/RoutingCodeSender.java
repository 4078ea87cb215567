package io.github.twostep.delivery;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Sends each message through the sender for its channel: email through TwoStep's own sender,
 * SMS and calls through the application's. A channel without a sender is switched off:
 * sending on it fails with a {@link DeliveryException}. An application sender that fails with
 * anything but a {@link DeliveryException} is reported as one, so callers handle a single
 * failure type. Thread-safe when the senders are.
 */
public final class RoutingCodeSender implements CodeSender {
    private final Map<Channel, CodeSender> senders = new EnumMap<>(Channel.class);

    /**
     * @param email sender for {@link Channel#EMAIL}; null: email is off
     * @param sms   sender for {@link Channel#SMS}; null: SMS is off
     * @param call  sender for {@link Channel#CALL}; null: calls are off
     */
    public RoutingCodeSender(CodeSender email, CodeSender sms, CodeSender call) {
        put(Channel.EMAIL, email);
        put(Channel.SMS, sms);
        put(Channel.CALL, call);
    }

    /**
     * Hands the message to its channel's sender.
     *
     * @throws DeliveryException when the channel has no sender or its sender failed
     */
    @Override
    public void send(OutgoingMessage message) {
        Objects.requireNonNull(message, "message");
        CodeSender sender = senders.get(message.channel());
        if (sender == null) {
            throw new DeliveryException("No sender is set up for " + message.channel().wireName());
        }
        try {
            sender.send(message);
        } catch (DeliveryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DeliveryException("The " + message.channel().wireName() + " sender "
                    + sender.getClass().getName() + " failed with " + e.getClass().getName(), e);
        }
    }

    private void put(Channel channel, CodeSender sender) {
        if (sender != null) {
            senders.put(channel, sender);
        }
    }
}
