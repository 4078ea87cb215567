package io.github.twostep.internal.core;

import java.util.Objects;

/**
 * How a change to the methods of a user who has two-step on ended.
 *
 * @param result what happened
 * @param code   when the result is {@link Result#CODE_REFUSED}: why the code was refused (invalid,
 *               or locked with the time to wait); otherwise null
 */
public record MethodChange(Result result, VerifyOutcome code) {

    /** What happened to the change. */
    public enum Result {
        /** The method was added; the code that proved its channel is used up. */
        ADDED,
        /** The method was removed. */
        REMOVED,
        /** The code was wrong, expired or for another change (counted toward the lock), or the factor is locked. */
        CODE_REFUSED,
        /** The user has no second factor on: there are no methods to change. */
        NOT_ENROLLED,
        /** The method cannot be added: not a message method, not allowed by the settings, or already on. */
        NOT_ALLOWED,
        /** The method to remove is not on. */
        NOT_ENABLED,
        /** Removing it would leave no method that can still prove a sign-in. */
        LAST_METHOD
    }

    public MethodChange {
        Objects.requireNonNull(result, "result");
        if ((result == Result.CODE_REFUSED) != (code != null)) {
            throw new IllegalArgumentException("a code outcome goes with CODE_REFUSED only");
        }
    }

    static MethodChange of(Result result) {
        return new MethodChange(result, null);
    }

    /** Whether the user's methods changed. */
    public boolean changed() {
        return result == Result.ADDED || result == Result.REMOVED;
    }
}
