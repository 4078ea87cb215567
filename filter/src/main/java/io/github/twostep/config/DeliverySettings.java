package io.github.twostep.config;

import java.util.List;

/**
 * The application's senders ({@code delivery}); email is built in.
 *
 * @param sms      fully qualified name of the SMS {@code CodeSender} class; null: none
 * @param call     fully qualified name of the call {@code CodeSender} class; null: none
 * @param fallback the message methods to try, in this order, when the one asked for fails
 *                 (never {@code app}); empty: no fallback
 * @param queue    the threads and the queue that send in the background
 */
public record DeliverySettings(String sms, String call, List<VerifyMethod> fallback, SendQueueSettings queue) {

    public DeliverySettings {
        fallback = List.copyOf(fallback);
        java.util.Objects.requireNonNull(queue, "queue");
    }

    /** With the default queue. */
    public DeliverySettings(String sms, String call, List<VerifyMethod> fallback) {
        this(sms, call, fallback, SendQueueSettings.DEFAULT);
    }

    /** Without fallback, with the default queue. */
    public DeliverySettings(String sms, String call) {
        this(sms, call, List.of());
    }
}
