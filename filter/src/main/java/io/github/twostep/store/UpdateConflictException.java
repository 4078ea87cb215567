package io.github.twostep.store;

import io.github.twostep.TwoStepException;

/** An update lost its compare-and-set race too many times in a row and gave up. Nothing was written. */
public final class UpdateConflictException extends TwoStepException {
    private static final long serialVersionUID = 1L;

    public UpdateConflictException(String username, int attempts) {
        super("gave up updating two-step data of user '" + username + "' after " + attempts
                + " attempts: other writers kept changing it");
    }
}
