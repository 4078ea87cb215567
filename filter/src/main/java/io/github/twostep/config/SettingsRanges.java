package io.github.twostep.config;

import java.util.function.ToIntFunction;

/**
 * The allowed range of every whole-number key, defined once: the reader checks the JSON
 * against it (so the problem names the key as written) and {@link #check} checks a value built
 * in code against the same range.
 */
final class SettingsRanges {

    /** An inclusive range of a whole-number key. */
    record Range(String jsonPath, int min, int max) {
        String problem(int value) {
            return value < min || value > max ? "must be between " + min + " and " + max + ", got " + value : null;
        }
    }

    static final Range TRUST_THIS_DEVICE = new Range("$.trustThisDevice", 0, 3650);
    static final Range CODE_LENGTH = new Range("$.code.length", 4, 10);
    static final Range CODE_PERIOD = new Range("$.code.period", 15, 300);
    static final Range CODE_WINDOW = new Range("$.code.window", 0, 900);
    static final Range BACKUP_CODES_COUNT = new Range("$.backupCodes.count", 1, 100);
    static final Range BACKUP_CODES_LENGTH = new Range("$.backupCodes.length", 3, 20);
    static final Range ENROLLMENT_DEADLINE_DAYS = new Range("$.setup.enrollmentDeadlineDays", 0, 365);
    static final Range MESSAGE_CODE_LENGTH = new Range("$.messageCode.length", 4, 10);
    static final Range MESSAGE_CODE_MINUTES = new Range("$.messageCode.minutes", 1, 60);
    static final Range MESSAGE_CODE_RESEND_SECONDS = new Range("$.messageCode.resendSeconds", 0, 3600);
    static final Range MESSAGE_CODE_MAX_SENDS_PER_HOUR = new Range("$.messageCode.maxSendsPerHour", 1, 100);
    static final Range LOGIN_THROTTLE_FREE_ATTEMPTS = new Range("$.login.throttle.freeAttempts", 1, 100);
    static final Range LOGIN_THROTTLE_MAX_DELAY_MINUTES = new Range("$.login.throttle.maxDelayMinutes", 0, 1440);
    static final Range LOCKOUT_MAX_FAILED_ATTEMPTS = new Range("$.lockout.maxFailedAttempts", 1, 100);
    static final Range LOCKOUT_MINUTES = new Range("$.lockout.minutes", 1, 10080);
    static final Range LOCKOUT_MAX_CONSECUTIVE_FAILURES = new Range("$.lockout.maxConsecutiveFailures", 1, 100);
    static final Range EMERGENCY_CODE_LENGTH = new Range("$.emergencyCode.length", 4, 12);
    static final Range EMERGENCY_CODE_MINUTES = new Range("$.emergencyCode.minutes", 1, 60);
    static final Range SESSION_RECHECK_SECONDS = new Range("$.session.recheckSeconds", 1, 3600);
    static final Range SESSION_IDLE_MINUTES = new Range("$.session.idleMinutes", 0, 1440);
    static final Range SESSION_ABSOLUTE_HOURS = new Range("$.session.absoluteHours", 0, 720);
    static final Range STEP_UP_MAX_AGE_MINUTES = new Range("$.stepUp.maxAgeMinutes", 1, 1440);
    static final Range STORE_TIMEOUT_SECONDS = new Range("$.store.timeoutSeconds", 1, 60);
    static final Range TRUSTED_DEVICES_MAX = new Range("$.trustedDevices.max", 1, 100);
    static final Range DEVICE_AUTHORIZATION_DAYS = new Range("$.deviceAuthorization.days", 1, 3650);
    static final Range DELIVERY_QUEUE_THREADS = new Range("$.delivery.queue.threads", 1, 64);
    static final Range DELIVERY_QUEUE_LIMIT = new Range("$.delivery.queue.limit", 1, 100_000);
    static final Range SMTP_PORT = new Range("$.smtp.port", 1, 65535);
    static final Range SMTP_TIMEOUT_SECONDS = new Range("$.smtp.timeoutSeconds", 1, 300);

    private SettingsRanges() {
    }

    /** Adds a problem for every whole number of {@code s} outside its range. */
    static void check(Settings s, Problems problems) {
        at(problems, TRUST_THIS_DEVICE, s, Settings::trustThisDevice);
        at(problems, CODE_LENGTH, s, v -> v.code().length());
        at(problems, CODE_PERIOD, s, v -> v.code().period());
        at(problems, CODE_WINDOW, s, v -> v.code().window());
        at(problems, BACKUP_CODES_COUNT, s, v -> v.backupCodes().count());
        at(problems, BACKUP_CODES_LENGTH, s, v -> v.backupCodes().length());
        at(problems, ENROLLMENT_DEADLINE_DAYS, s, v -> v.setup().enrollmentDeadlineDays());
        at(problems, MESSAGE_CODE_LENGTH, s, v -> v.messageCode().length());
        at(problems, MESSAGE_CODE_MINUTES, s, v -> v.messageCode().minutes());
        at(problems, MESSAGE_CODE_RESEND_SECONDS, s, v -> v.messageCode().resendSeconds());
        at(problems, MESSAGE_CODE_MAX_SENDS_PER_HOUR, s, v -> v.messageCode().maxSendsPerHour());
        at(problems, LOGIN_THROTTLE_FREE_ATTEMPTS, s, v -> v.login().throttle().freeAttempts());
        at(problems, LOGIN_THROTTLE_MAX_DELAY_MINUTES, s, v -> v.login().throttle().maxDelayMinutes());
        at(problems, LOCKOUT_MAX_FAILED_ATTEMPTS, s, v -> v.lockout().maxFailedAttempts());
        at(problems, LOCKOUT_MINUTES, s, v -> v.lockout().minutes());
        at(problems, LOCKOUT_MAX_CONSECUTIVE_FAILURES, s, v -> v.lockout().maxConsecutiveFailures());
        at(problems, EMERGENCY_CODE_LENGTH, s, v -> v.emergencyCode().length());
        at(problems, EMERGENCY_CODE_MINUTES, s, v -> v.emergencyCode().minutes());
        at(problems, SESSION_RECHECK_SECONDS, s, v -> v.session().recheckSeconds());
        at(problems, SESSION_IDLE_MINUTES, s, v -> v.session().idleMinutes());
        at(problems, SESSION_ABSOLUTE_HOURS, s, v -> v.session().absoluteHours());
        at(problems, STEP_UP_MAX_AGE_MINUTES, s, v -> v.stepUp().maxAgeMinutes());
        at(problems, STORE_TIMEOUT_SECONDS, s, v -> v.store().timeoutSeconds());
        at(problems, TRUSTED_DEVICES_MAX, s, v -> v.trustedDevices().max());
        at(problems, DEVICE_AUTHORIZATION_DAYS, s, v -> v.deviceAuthorization().days());
        at(problems, DELIVERY_QUEUE_THREADS, s, v -> v.delivery().queue().threads());
        at(problems, DELIVERY_QUEUE_LIMIT, s, v -> v.delivery().queue().limit());
        if (s.smtp() != null) {
            at(problems, SMTP_PORT, s, v -> v.smtp().port());
            at(problems, SMTP_TIMEOUT_SECONDS, s, v -> v.smtp().timeoutSeconds());
        }
    }

    private static void at(Problems problems, Range range, Settings s, ToIntFunction<Settings> value) {
        String problem = range.problem(value.applyAsInt(s));
        if (problem != null && !problems.reportedAt(range.jsonPath())) {
            problems.add(range.jsonPath(), problem);
        }
    }
}
