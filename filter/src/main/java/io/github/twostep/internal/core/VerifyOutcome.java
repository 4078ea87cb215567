package io.github.twostep.internal.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How one submitted code ended. Wrong, expired, replayed and malformed codes are all
 * {@link Result#INVALID}: the caller cannot and must not tell them apart.
 *
 * @param result     what happened
 * @param factor     the kind of code that matched (null unless verified)
 * @param driftSteps for an app code, how many time steps the phone's clock is off (0 otherwise)
 * @param retryAfter for a lock or a throttled name, how long until codes are taken again (zero otherwise)
 * @param trustEpoch for a verified code, the user's trust epoch the code was accepted under (a
 *                   session verified by it lasts while the epoch does; 0 otherwise)
 * @param forGood    the second factor is locked until an administrator unlocks it: for
 *                   {@link Result#LOCKED}, it was already; for {@link Result#INVALID}, this
 *                   attempt locked it ({@code lockout.maxConsecutiveFailures})
 */
public record VerifyOutcome(Result result, Factor factor, int driftSteps, Duration retryAfter, int trustEpoch,
                            boolean forGood) {

    /** What happened to the code. */
    public enum Result {
        VERIFIED,
        INVALID,
        LOCKED,
        /**
         * Not checked: the code was the password of a password-less sign-in, and its name is
         * throttled ({@code login.throttle}) for {@link #retryAfter()}.
         */
        THROTTLED
    }

    /** The kinds of code {@code verify} takes. */
    public enum Factor {
        APP,
        MESSAGE,
        BACKUP,
        EMERGENCY,
        OPERATOR,
        /** A security key's or passkey's signature (WebAuthn). */
        SECURITY_KEY
    }

    public VerifyOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    static VerifyOutcome verified(Factor factor, int driftSteps, int trustEpoch) {
        return new VerifyOutcome(Result.VERIFIED, Objects.requireNonNull(factor, "factor"), driftSteps, Duration.ZERO,
                trustEpoch, false);
    }

    public static VerifyOutcome invalid() {
        return new VerifyOutcome(Result.INVALID, null, 0, Duration.ZERO, 0, false);
    }

    /** A wrong code that locked the second factor until an administrator unlocks it. */
    public static VerifyOutcome invalidLockingForGood() {
        return new VerifyOutcome(Result.INVALID, null, 0, Duration.ZERO, 0, true);
    }

    /** Refused: the second factor is locked until an administrator unlocks it. */
    public static VerifyOutcome lockedForGood() {
        return new VerifyOutcome(Result.LOCKED, null, 0, Duration.ZERO, 0, true);
    }

    public static VerifyOutcome locked(Duration retryAfter) {
        return new VerifyOutcome(Result.LOCKED, null, 0, retryAfter.isNegative() ? Duration.ZERO : retryAfter, 0,
                false);
    }

    /** Refused unchecked: the password-less sign-in's name is throttled for {@code retryAfter}. */
    public static VerifyOutcome throttled(Duration retryAfter) {
        return new VerifyOutcome(Result.THROTTLED, null, 0, retryAfter, 0, false);
    }

    public boolean isVerified() {
        return result == Result.VERIFIED;
    }
}
