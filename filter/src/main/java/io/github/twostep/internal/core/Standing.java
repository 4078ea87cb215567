package io.github.twostep.internal.core;

/**
 * A signed-in user's standing with the second factor, as worked out from their record when
 * the session first saw them and at every re-check.
 */
public enum Standing {
    /** Proven by a code in this session or by a trusted device. */
    VERIFIED(State.VERIFIED),
    /** Has a second factor, not yet proven in this session. */
    CHALLENGE(State.CHALLENGE),
    /** Must set up a second factor. */
    ENROLL(State.ENROLL),
    /** No second factor and none required. */
    OPTIONAL(State.OPTIONAL),
    /** The record cannot be read (corrupt, missing key, store down): fail closed. */
    UNAVAILABLE(State.CHALLENGE);

    private final State state;

    Standing(State state) {
        this.state = state;
    }

    /** The state shown to clients. */
    public State state() {
        return state;
    }
}
