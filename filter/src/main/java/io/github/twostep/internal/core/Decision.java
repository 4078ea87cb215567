package io.github.twostep.internal.core;

import java.util.Objects;

/**
 * What the filter does with one request, and the state it is made in.
 *
 * @param action   what the filter does
 * @param state    where the user stands
 * @param reported in report-only rollout, the action that would have been taken; else equal to action
 */
public record Decision(Action action, State state, Action reported) {

    /** What the filter does with the request. */
    public enum Action {
        /** Let the request through to the application. */
        PROCEED,
        /** Send the user to the sign-in page (built-in login). */
        LOGIN,
        /** Send the user to set up a second factor. */
        ENROLL,
        /** Send the user to prove the second factor. */
        CHALLENGE,
        /**
         * Send the user to enter a fresh code: a step-up path, or a change that needs a code
         * entered in this session lately.
         */
        STEP_UP,
        /** Refuse: signed in, but not allowed here (administration). */
        FORBIDDEN,
        /** Refuse: the user's two-factor data cannot be read, so nothing is granted. */
        DENY
    }

    public Decision {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reported, "reported");
    }

    static Decision of(Action action, State state) {
        return new Decision(action, state, action);
    }
}
