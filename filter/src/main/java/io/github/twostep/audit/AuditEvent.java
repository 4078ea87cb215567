package io.github.twostep.audit;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One line of the audit trail: who did what, when, from where, and how it ended. It never
 * holds a code, secret, token or password; {@link #detail()} is a short, fixed description
 * chosen by TwoStep (such as a channel name or a clock offset), never user input.
 */
public record AuditEvent(Instant time, String user, Type event, Outcome outcome, String remoteAddr,
        String userAgent, String detail) {

    /** What happened; the API and logs use {@link #wireName()}. */
    public enum Type {
        LOGIN,
        LOGOUT,
        ENROLLMENT_STARTED,
        ENROLLED,
        DISABLED,
        METHOD_ADDED,
        METHOD_REMOVED,
        VERIFY_SUCCEEDED,
        VERIFY_FAILED,
        LOCKED_OUT,
        LOCKED_PERMANENTLY,
        UNLOCKED,
        CODE_SENT,
        BACKUP_CODES_REGENERATED,
        BACKUP_CODE_USED,
        DEVICE_TRUSTED,
        DEVICE_REVOKED,
        TRUST_REVOKED,
        RESET,
        EMERGENCY_CODE_CREATED,
        EMERGENCY_CODE_USED,
        OPERATOR_CODE_CREATED,
        NOT_ME_REPORTED,
        RECORD_CORRUPT,
        DECISION,
        SETTINGS_RELOADED,
        SETTINGS_REJECTED,
        SESSION_EXPIRED,
        WEBAUTHN_REGISTERED,
        WEBAUTHN_RENAMED,
        WEBAUTHN_REMOVED,
        WEBAUTHN_COUNTER_ERROR,
        LOGIN_THROTTLED;

        /** The snake_case name, e.g. {@code emergency_code_created}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the action ended. */
    public enum Outcome {
        SUCCESS,
        FAILURE,
        DENIED,
        INFO;

        /** The snake_case name used on the wire. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public AuditEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(outcome, "outcome");
        remoteAddr = remoteAddr == null ? "" : remoteAddr;
        userAgent = userAgent == null ? "" : truncate(userAgent, 256);
        detail = detail == null ? "" : detail;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
