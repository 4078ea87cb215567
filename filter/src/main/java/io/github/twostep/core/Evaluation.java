package io.github.twostep.core;

import java.util.Objects;

/**
 * A signed-in user's standing as read from their record, with what a later re-check compares
 * against: whether a second factor was enabled, the trust epoch, and the trusted device that
 * verified the session (null if none).
 */
public record Evaluation(Standing standing, boolean enabled, int trustEpoch, String deviceId) {

    public Evaluation {
        Objects.requireNonNull(standing, "standing");
    }

    static Evaluation unavailable() {
        return new Evaluation(Standing.UNAVAILABLE, false, -1, null);
    }
}
