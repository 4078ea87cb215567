package io.github.twostep.internal.core;

import io.github.twostep.config.LockoutSettings;
import io.github.twostep.internal.store.LockoutRule;
import io.github.twostep.internal.store.UserRecord;
import java.time.Duration;
import java.time.Instant;

/** The outcomes the lockout gives, the same for every kind of code and for set-up. */
final class Lockouts {
    private Lockouts() {
    }

    static LockoutRule rule(LockoutSettings lockout) {
        return new LockoutRule(lockout.maxFailedAttempts(), lockout.minutes(), lockout.maxConsecutiveFailures());
    }

    /** The answer to any code while {@code record} is locked at {@code now}. */
    static VerifyOutcome refused(UserRecord record, Instant now) {
        return record.isLockedForGood() ? VerifyOutcome.lockedForGood()
                : VerifyOutcome.locked(Duration.between(now, record.lockedUntil()));
    }

    /** The answer to a wrong code that left {@code failed}: invalid, and whether it locked for good. */
    static VerifyOutcome failed(UserRecord failed) {
        return failed.isLockedForGood() ? VerifyOutcome.invalidLockingForGood() : VerifyOutcome.invalid();
    }
}
