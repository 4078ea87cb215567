package io.github.twostep.store;

import io.github.twostep.TwoStepException;

/**
 * A user's two-step block cannot be used: truncated, tampered, of an unknown version, or its
 * secret does not decrypt. Only that user fails closed. The message names the user and the
 * reason, never a secret, code or key.
 */
public class CorruptRecordException extends TwoStepException {
    private static final long serialVersionUID = 1L;

    private final String username;

    public CorruptRecordException(String username, String reason) {
        super("two-step data of user '" + username + "' is unusable: " + reason);
        this.username = username;
    }

    public CorruptRecordException(String username, String reason, Throwable cause) {
        super("two-step data of user '" + username + "' is unusable: " + reason, cause);
        this.username = username;
    }

    /** The user whose record failed. */
    public String username() {
        return username;
    }
}
