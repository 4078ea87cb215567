package io.github.twostep.internal.otp;

import io.github.twostep.TwoStepException;

/** A shared secret that cannot be used: not Base32, or too short or too long. Never echoes it. */
public final class InvalidSecretException extends TwoStepException {
    private static final long serialVersionUID = 1L;

    InvalidSecretException(String message) {
        super(message);
    }
}
