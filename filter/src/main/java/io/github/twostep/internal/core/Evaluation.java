package io.github.twostep.internal.core;

import java.io.Serializable;
import java.util.Objects;

/**
 * A signed-in user's standing as read from their record, with what a later re-check compares
 * against: whether a second factor was enabled, the trust epoch, and the trusted device that
 * verified the session (null if none). {@code graceDays} counts the days left before a user
 * who may still skip enrolment ({@code setup.mode: "required"} with
 * {@code enrollmentDeadlineDays}) must enrol; 0 otherwise. Kept in the HTTP session, so serializable
 * (a container may persist or replicate sessions).
 */
public record Evaluation(Standing standing, boolean enabled, int trustEpoch, String deviceId, int graceDays)
        implements Serializable {

    public Evaluation {
        Objects.requireNonNull(standing, "standing");
        if (graceDays < 0) {
            throw new IllegalArgumentException("graceDays must not be negative");
        }
    }

    /** An evaluation without a grace period. */
    public Evaluation(Standing standing, boolean enabled, int trustEpoch, String deviceId) {
        this(standing, enabled, trustEpoch, deviceId, 0);
    }

    static Evaluation unavailable() {
        return new Evaluation(Standing.UNAVAILABLE, false, -1, null);
    }
}
