package io.github.twostep.internal.core;

import java.util.List;

/**
 * The end of a set-up: the code's outcome (with the trust epoch now in force when verified) and
 * the new backup codes, as shown, once.
 */
public record SetupConfirmation(VerifyOutcome outcome, List<String> backupCodes) {
    static SetupConfirmation refused(VerifyOutcome outcome) {
        return new SetupConfirmation(outcome, List.of());
    }

    @Override
    public String toString() {
        return "SetupConfirmation[" + outcome.result() + "]";
    }
}
