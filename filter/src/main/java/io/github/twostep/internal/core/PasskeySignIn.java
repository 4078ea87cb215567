package io.github.twostep.internal.core;

import java.util.Objects;

/**
 * A passkey sign-in that succeeded: both factors proven at once.
 *
 * @param user       the user the passkey belongs to
 * @param trustEpoch the user's trust epoch the sign-in was accepted under (the session lasts while it does)
 */
public record PasskeySignIn(String user, int trustEpoch) {
    public PasskeySignIn {
        Objects.requireNonNull(user, "user");
    }
}
