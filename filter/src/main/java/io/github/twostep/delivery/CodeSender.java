package io.github.twostep.delivery;


/**
 * Hands a message over to the world: a mail server, an SMS provider, a call service. TwoStep's
 * own senders cover email ({@code SmtpCodeSender}); SMS and calls are the application's
 * classes, named in the settings ({@code delivery.sms}, {@code delivery.call}) and created
 * through a public no-argument constructor.
 *
 * <p>Quotas and cooldowns are checked before a sender is called. A sender is called from
 * request threads at the same time and must be thread-safe. It must not log the message's
 * text: it holds the code.
 */
@FunctionalInterface
public interface CodeSender {

    /**
     * Delivers one message, or fails.
     *
     * @throws DeliveryException when the message could not be handed over; TwoStep then
     *                           records nothing as sent and offers the user another channel
     */
    void send(OutgoingMessage message);
}
