package io.github.twostep.core;

import java.util.List;

/** The end of a set-up: the code's outcome, the new backup codes (as shown, once), and the trust epoch now in force. */
public record SetupConfirmation(VerifyOutcome outcome, List<String> backupCodes, int trustEpoch) {
    static SetupConfirmation refused(VerifyOutcome outcome) {
        return new SetupConfirmation(outcome, List.of(), -1);
    }

    @Override
    public String toString() {
        return "SetupConfirmation[" + outcome.result() + "]";
    }
}
