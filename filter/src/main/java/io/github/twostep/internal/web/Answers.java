package io.github.twostep.internal.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The JSON bodies of the API, one record each, as DESIGN.md's HTTP contract spells them. */
final class Answers {
    private Answers() {
    }

    /** {@code enrollmentDaysLeft}: days a user may still skip required enrolment; left out when none. */
    record Status(String user, String state, boolean enrolled, List<MethodTo> methods, int trustDeviceDays,
            String csrfToken, @JsonInclude(JsonInclude.Include.NON_NULL) Integer enrollmentDaysLeft) {
    }

    record MethodTo(String method, String to) {
    }

    /** The user's methods after a change, as {@code GET status} lists them. */
    record Methods(List<MethodTo> methods) {
    }

    record StateOnly(String state) {
    }

    /** After sign-in: the state, and the session's new CSRF token (it changes at every sign-in). */
    record SignedIn(String state, String csrfToken) {
    }

    /**
     * {@code clockDriftSeconds}: how far the phone's clock is off, when an app code matched two
     * or more time steps away from now (positive: the phone is ahead); left out otherwise.
     */
    record Verified(String state, String redirect, String csrfToken,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer clockDriftSeconds) {
    }

    record Locked(String error, @JsonInclude(JsonInclude.Include.NON_NULL) Long retryAfterSeconds) {
    }

    record SetupStarted(String secret, String otpauthUri, String qrPng, List<AuthenticatorApp> authenticators) {
        @Override
        public String toString() {
            return "SetupStarted[hidden]";
        }
    }

    record AuthenticatorApp(String name, String url, String qrPng) {
    }

    record Enabled(boolean enabled, List<String> backupCodes) {
        @Override
        public String toString() {
            return "Enabled[" + enabled + "]";
        }
    }

    record BackupCodes(List<String> backupCodes) {
        @Override
        public String toString() {
            return "BackupCodes[hidden]";
        }
    }

    record Disabled(boolean enabled) {
    }

    record Sent(String sentTo, long resendAfterSeconds, String method) {
    }

    record TooMany(String error, long retryAfterSeconds) {
    }

    record NotDelivered(String error, List<String> alternatives) {
    }

    record Device(String id, String label, String created, String lastUsed, String expires, boolean current) {
    }

    /** A security key as the API shows it: no public key, no counter. */
    record Key(String id, String name, String created, String lastUsed) {
    }

    /** {@code backupCodes}: only when the key turned the second factor on; left out otherwise. */
    record KeyRegistered(boolean enabled, Key key, @JsonInclude(JsonInclude.Include.NON_NULL) List<String> backupCodes) {
        @Override
        public String toString() {
            return "KeyRegistered[" + key.id() + "]";
        }
    }

    record AdminUser(String user, boolean enrolled, List<String> methods, boolean locked, String lockedUntil,
            int failedAttempts, int devices, String lastVerified, int keys) {
    }

    record IssuedCode(String code, String expiresAt) {
        @Override
        public String toString() {
            return "IssuedCode[expiresAt=" + expiresAt + "]";
        }
    }

    record Expiry(String expiresAt) {
    }

    record AuditLine(String time, String user, String event, String outcome, String remoteAddr, String userAgent) {
    }
}
