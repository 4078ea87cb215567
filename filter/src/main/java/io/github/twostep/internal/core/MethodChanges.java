package io.github.twostep.internal.core;

import io.github.twostep.config.Settings;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.internal.core.MethodChange.Result;
import io.github.twostep.internal.otp.CodeFormat;
import io.github.twostep.internal.store.MessageCode;
import io.github.twostep.internal.store.RecordUpdate;
import io.github.twostep.internal.store.UserRecord;
import io.github.twostep.internal.store.UserRecordUpdater;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Adding and removing methods of a user whose second factor is on, without turning it off. A
 * message method is added only with the code {@link Sending#sendToAdd} sent to its channel for
 * this sign-in; a method is removed only while another method that the settings still allow
 * remains (backup codes are not a method). Each change is one compare-and-set of the record, so
 * two removals racing cannot leave the user without a method.
 */
final class MethodChanges {
    private final Settings settings;
    private final UserRecordUpdater records;
    private final CodeHashes hashes;
    private final Clock clock;

    MethodChanges(Settings settings, UserRecordUpdater records, CodeHashes hashes, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.records = Objects.requireNonNull(records, "records");
        this.hashes = Objects.requireNonNull(hashes, "hashes");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether {@code method} is one a user may add by proving its channel: a message method the settings allow. */
    boolean addable(VerifyMethod method) {
        return method != VerifyMethod.APP && settings.verify().allows(method);
    }

    /**
     * Adds {@code method} when {@code typed} is the code sent to add it in the sign-in
     * {@code signInId}. A wrong code counts toward the lock, as at set-up; the right one is used up.
     */
    MethodChange add(String user, VerifyMethod method, String typed, String signInId) {
        Instant now = clock.instant();
        Optional<String> code = CodeFormat.normalize(typed);
        return records.update(user, record -> {
            if (!record.enabled()) {
                return RecordUpdate.keep(MethodChange.of(Result.NOT_ENROLLED));
            }
            if (!addable(method) || record.methods().contains(method)) {
                return RecordUpdate.keep(MethodChange.of(Result.NOT_ALLOWED));
            }
            if (record.isLocked(now)) {
                return RecordUpdate.keep(new MethodChange(Result.CODE_REFUSED, Lockouts.refused(record, now)));
            }
            if (code.isEmpty() || !proves(record.messageCode(), method, code.get(), signInId, now)) {
                UserRecord failed = record.recordFailure(now, Lockouts.rule(settings.lockout()));
                return RecordUpdate.write(failed, new MethodChange(Result.CODE_REFUSED, Lockouts.failed(failed)));
            }
            Set<VerifyMethod> methods = EnumSet.copyOf(record.methods());
            methods.add(method);
            return RecordUpdate.write(record.withMessageCode(null).enable(methods), MethodChange.of(Result.ADDED));
        });
    }

    private boolean proves(MessageCode sent, VerifyMethod method, String code, String signInId, Instant now) {
        return sent != null && signInId != null && sent.channel() == method && !sent.isExpired(now)
                && hashes.matches(CodeHashes.boundToAdding(signInId, method, code), sent.hash());
    }

    /**
     * Removes {@code method}; refused when no other method the settings allow would remain (a
     * method the settings have since turned off cannot prove a sign-in), security keys counting
     * as one while they are on.
     */
    MethodChange remove(String user, VerifyMethod method) {
        return records.update(user, record -> {
            if (!record.enabled()) {
                return RecordUpdate.keep(MethodChange.of(Result.NOT_ENROLLED));
            }
            if (!record.methods().contains(method)) {
                return RecordUpdate.keep(MethodChange.of(Result.NOT_ENABLED));
            }
            boolean anotherRemains = record.methods().stream()
                    .anyMatch(m -> m != method && settings.verify().allows(m))
                    || (settings.verify().webauthn().enabled() && !record.securityKeys().isEmpty());
            Optional<UserRecord> without = anotherRemains ? record.withoutMethod(method) : Optional.empty();
            return without.map(next -> RecordUpdate.write(next, MethodChange.of(Result.REMOVED)))
                    .orElseGet(() -> RecordUpdate.keep(MethodChange.of(Result.LAST_METHOD)));
        });
    }
}
