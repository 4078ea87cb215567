package io.github.twostep.store;

import io.github.twostep.TwoStepException;

/**
 * A username no store accepts: empty, longer than 256 characters, or
 * holding a control character. The message does not repeat the name (it may be hostile).
 */
public final class InvalidUsernameException extends TwoStepException {
    private static final long serialVersionUID = 1L;

    public InvalidUsernameException(String reason) {
        super("invalid username: " + reason);
    }
}
