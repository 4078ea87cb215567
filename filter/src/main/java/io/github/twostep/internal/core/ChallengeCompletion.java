package io.github.twostep.internal.core;

import java.util.Objects;

/**
 * How completing a challenge ended: the code's outcome and, when it was right and trust was
 * asked for (or the sign-in authorised a new browser), the device trusted in the same write.
 *
 * @param outcome           the code's outcome
 * @param trust             the device trusted and its cookie token; null when none was
 * @param authorizedBrowser the code authorised a new browser of a user without a second factor
 *                          (device authorisation), rather than proving one
 */
public record ChallengeCompletion(VerifyOutcome outcome, TrustIssued trust, boolean authorizedBrowser) {

    public ChallengeCompletion {
        Objects.requireNonNull(outcome, "outcome");
        if (trust != null && !outcome.isVerified()) {
            throw new IllegalArgumentException("only a verified code trusts a device");
        }
    }

    @Override
    public String toString() {
        return "ChallengeCompletion[" + outcome + ", trusted=" + (trust != null) + "]";
    }
}
