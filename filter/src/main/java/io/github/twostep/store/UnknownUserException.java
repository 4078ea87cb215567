package io.github.twostep.store;

import io.github.twostep.TwoStepException;

/** The store has no such user, so there is no comment field to keep two-step data in. */
public final class UnknownUserException extends TwoStepException {
    private static final long serialVersionUID = 1L;

    public UnknownUserException(String username) {
        super("user '" + username + "' is unknown to the user data store");
    }
}
