package io.github.twostep.internal.store;

import io.github.twostep.config.Algorithm;
import java.util.Objects;

/**
 * An enrolled (or pending) authenticator-app secret, sealed, with the code parameters fixed at
 * enrolment so later settings changes do not break a user's app.
 */
public record TotpSecret(EncryptedSecret secret, Algorithm algorithm, int digits, int periodSeconds) {

    public TotpSecret {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(algorithm, "algorithm");
        if (digits < 4 || digits > 10) {
            throw new IllegalArgumentException("digits must be 4 to 10: " + digits);
        }
        if (periodSeconds < 1 || periodSeconds > 3600) {
            throw new IllegalArgumentException("period must be 1 to 3600 seconds: " + periodSeconds);
        }
    }

    /** The same parameters around a secret sealed anew (key rotation). */
    public TotpSecret withSecret(EncryptedSecret resealed) {
        return new TotpSecret(resealed, algorithm, digits, periodSeconds);
    }
}
