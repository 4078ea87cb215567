package io.github.twostep.delivery;

import io.github.twostep.TwoStepException;

/**
 * A message could not be handed over to the mail server, SMS provider or call service. The
 * message names the server or provider, never the message body or a code.
 */
public class DeliveryException extends TwoStepException {
    private static final long serialVersionUID = 1L;

    public DeliveryException(String message) {
        super(message);
    }

    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
