package io.github.twostep;

/** The one unchecked root of every exception TwoStep throws. */
public class TwoStepException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TwoStepException(String message) {
        super(message);
    }

    public TwoStepException(String message, Throwable cause) {
        super(message, cause);
    }
}
