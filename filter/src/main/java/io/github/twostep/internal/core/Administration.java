package io.github.twostep.internal.core;

import io.github.twostep.IssuedCode;
import io.github.twostep.config.Settings;
import io.github.twostep.internal.otp.CodeFormat;
import io.github.twostep.internal.otp.RandomCodes;
import io.github.twostep.internal.store.ExpiringCode;
import io.github.twostep.internal.store.UserRecord;
import io.github.twostep.internal.store.UserRecordUpdater;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What administrators and operators do to a user's second factor: look it up, reset it, lift
 * a lock, hand out a short-lived emergency code, or enter the operator's one-time code for a
 * user who called ({@code verify.dial}). Codes are kept only as hashes.
 */
final class Administration {
    private final Settings settings;
    private final UserRecordUpdater records;
    private final CodeHashes hashes;
    private final SecureRandom random;
    private final Clock clock;

    Administration(Settings settings, UserRecordUpdater records, CodeHashes hashes, SecureRandom random,
            Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.records = Objects.requireNonNull(records, "records");
        this.hashes = Objects.requireNonNull(hashes, "hashes");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The user's record, or empty if they never set anything up. */
    Optional<UserRecord> record(String user) {
        return records.read(user);
    }

    /** Clears secret, codes, devices (trust epoch bumped), failures, lock and send quota; idempotent. */
    void reset(String user) {
        records.change(user, UserRecord::reset);
    }

    /** Clears failures and lock only. */
    void unlock(String user) {
        records.change(user, UserRecord::clearFailures);
    }

    /** A new emergency code (letters), valid {@code emergencyCode.minutes}; it also lifts the lock. */
    IssuedCode emergencyCode(String user) {
        String code = new RandomCodes(random).emergencyCode(settings.emergencyCode().length());
        Instant expires = clock.instant().plus(Duration.ofMinutes(settings.emergencyCode().minutes()));
        ExpiringCode stored = new ExpiringCode(hashes.hash(code), expires);
        records.change(user, record -> record.setEmergencyCode(stored).clearFailures());
        return new IssuedCode(code, expires);
    }

    /**
     * Stores the operator's one-time code for a user who called, valid {@code emergencyCode.minutes};
     * empty, with nothing stored, when the code is not 4 to 20 letters or digits.
     */
    Optional<Instant> operatorCode(String user, String typed) {
        Optional<String> normalized = CodeFormat.normalize(typed).filter(c -> c.length() >= 4 && c.length() <= 20);
        if (normalized.isEmpty()) {
            return Optional.empty();
        }
        String code = normalized.get();
        Instant expires = clock.instant().plus(Duration.ofMinutes(settings.emergencyCode().minutes()));
        ExpiringCode stored = new ExpiringCode(hashes.hash(code), expires);
        records.change(user, record -> record.setOperatorCode(stored));
        return Optional.of(expires);
    }

}
