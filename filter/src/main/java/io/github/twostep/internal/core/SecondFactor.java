package io.github.twostep.internal.core;

import io.github.twostep.config.LockoutSettings;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.internal.core.VerifyOutcome.Factor;
import io.github.twostep.internal.otp.CodeFormat;
import io.github.twostep.internal.otp.TotpMatch;
import io.github.twostep.internal.store.ExpiringCode;
import io.github.twostep.internal.store.RecordUpdate;
import io.github.twostep.internal.store.UserRecord;
import io.github.twostep.internal.store.UserRecordUpdater;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Checks a submitted code of any kind (app, message, backup, emergency, operator) and counts
 * failures toward the lock, all in one compare-and-set of the user's record. So a code is
 * accepted at most once however many sessions and nodes submit it together, a TOTP step only
 * moves forward, and once the lock is reached no further code is even evaluated.
 */
final class SecondFactor {
    private final UserRecordUpdater records;
    private final AppCodes appCodes;
    private final CodeHashes hashes;
    private final LockoutSettings lockout;
    private final Clock clock;
    private final boolean deviceAuthorization;

    SecondFactor(UserRecordUpdater records, AppCodes appCodes, CodeHashes hashes, LockoutSettings lockout,
            Clock clock, boolean deviceAuthorization) {
        this.deviceAuthorization = deviceAuthorization;
        this.records = Objects.requireNonNull(records, "records");
        this.appCodes = Objects.requireNonNull(appCodes, "appCodes");
        this.hashes = Objects.requireNonNull(hashes, "hashes");
        this.lockout = Objects.requireNonNull(lockout, "lockout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Verifies {@code typed} for {@code user} whose pending sign-in is {@code signInId} (the
     * binding of message codes). Unless {@code unenrolledAllowed} (a sign-in authorising a device),
     * a user who has not set up two-step gets {@link VerifyOutcome#invalid()} and nothing is
     * written: there is no factor to check and no failure to count. A proved code remembers
     * {@code language} (the browser's, nullable) in the same write.
     */
    VerifyOutcome verify(String user, String typed, String signInId, boolean unenrolledAllowed, String language) {
        return verify(user, typed, signInId, unenrolledAllowed, language, UnaryOperator.identity());
    }

    /**
     * As {@link #verify(String, String, String, boolean, String)}; a proved code also applies
     * {@code alsoOnSuccess} to the record in the same write (trusting the device the code was
     * entered on), so a challenge completes in one compare-and-set.
     */
    VerifyOutcome verify(String user, String typed, String signInId, boolean unenrolledAllowed, String language,
            UnaryOperator<UserRecord> alsoOnSuccess) {
        Instant now = clock.instant();
        Optional<String> code = CodeFormat.normalize(typed);
        return records.update(user, record -> {
            if (!record.enabled() && !unenrolledAllowed) {
                return RecordUpdate.keep(VerifyOutcome.invalid());
            }
            if (record.isLocked(now)) {
                return RecordUpdate.keep(Lockouts.refused(record, now));
            }
            Optional<RecordUpdate<VerifyOutcome>> accepted = code.flatMap(c -> accept(user, record, c, signInId, now));
            if (accepted.isPresent()) {
                return RecordUpdate.write(alsoOnSuccess.apply(accepted.get().record().withLanguage(language)),
                        accepted.get().result());
            }
            UserRecord failed = record.recordFailure(now, Lockouts.rule(lockout));
            return RecordUpdate.write(failed, Lockouts.failed(failed));
        });
    }

    private Optional<RecordUpdate<VerifyOutcome>> accept(String user, UserRecord record, String code,
            String signInId, Instant now) {
        if (!record.enabled()) {
            return deviceAuthorization ? messageCode(record, code, signInId, now) : Optional.empty();
        }
        if (record.methods().contains(VerifyMethod.APP)) {
            Optional<TotpMatch> match = appCodes.match(user, record.totp(), code, record.lastStep());
            if (match.isPresent()) {
                return success(record.useStep(match.get().step()), Factor.APP, match.get().offset(), now);
            }
        }
        Optional<RecordUpdate<VerifyOutcome>> message = messageCode(record, code, signInId, now);
        if (message.isPresent()) {
            return message;
        }
        Optional<String> backup = hashes.find(code, record.backupCodes());
        if (backup.isPresent()) {
            return success(record.consumeBackupCode(backup.get()), Factor.BACKUP, 0, now);
        }
        if (matches(code, record.emergencyCode())) {
            return success(record.consumeEmergencyCode(record.emergencyCode().hash(), now), Factor.EMERGENCY, 0, now);
        }
        if (matches(code, record.operatorCode())) {
            return success(record.consumeOperatorCode(record.operatorCode().hash(), now), Factor.OPERATOR, 0, now);
        }
        return Optional.empty();
    }

    /** The emailed (or texted) code of this sign-in, if {@code code} is it. */
    private Optional<RecordUpdate<VerifyOutcome>> messageCode(UserRecord record, String code, String signInId,
            Instant now) {
        if (record.messageCode() == null || signInId == null
                || !hashes.matches(CodeHashes.bound(signInId, code), record.messageCode().hash())) {
            return Optional.empty();
        }
        return success(record.consumeMessageCode(record.messageCode().hash(), now), Factor.MESSAGE, 0, now);
    }

    private boolean matches(String code, ExpiringCode stored) {
        return stored != null && hashes.matches(code, stored.hash());
    }

    private static Optional<RecordUpdate<VerifyOutcome>> success(Optional<UserRecord> used, Factor factor,
            int drift, Instant now) {
        return used.map(next -> RecordUpdate.write(next.markVerified(now),
                VerifyOutcome.verified(factor, drift, next.trustEpoch())));
    }
}
