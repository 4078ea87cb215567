package io.github.twostep.config;

/**
 * The application's senders ({@code delivery}); email is built in.
 *
 * @param sms  fully qualified name of the SMS {@code CodeSender} class; null: none
 * @param call fully qualified name of the call {@code CodeSender} class; null: none
 */
public record DeliverySettings(String sms, String call) {
}
