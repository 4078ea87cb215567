package io.github.twostep.internal.core;

import io.github.twostep.config.CodeSettings;
import io.github.twostep.config.Settings;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.internal.core.VerifyOutcome.Factor;
import io.github.twostep.internal.otp.CodeFormat;
import io.github.twostep.internal.otp.OtpAuthUri;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.RandomCodes;
import io.github.twostep.internal.otp.TotpMatch;
import io.github.twostep.internal.store.RecordUpdate;
import io.github.twostep.internal.store.SecretCipher;
import io.github.twostep.internal.store.TotpSecret;
import io.github.twostep.internal.store.UserRecord;
import io.github.twostep.internal.store.UserRecordUpdater;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Setting up, changing and turning off a user's second factor. A new app secret waits in the
 * record as "pending" until a code from it is entered; nothing is enabled before a code from
 * a chosen method has been proven (backup codes are not accepted there).
 */
final class Enrollment {
    private final Settings settings;
    private final UserRecordUpdater records;
    private final SecretCipher cipher;
    private final AppCodes appCodes;
    private final CodeHashes hashes;
    private final SecureRandom random;
    private final Clock clock;

    Enrollment(Settings settings, UserRecordUpdater records, SecretCipher cipher, AppCodes appCodes,
            CodeHashes hashes, SecureRandom random, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.records = Objects.requireNonNull(records, "records");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.appCodes = Objects.requireNonNull(appCodes, "appCodes");
        this.hashes = Objects.requireNonNull(hashes, "hashes");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records consent and a new pending app secret; answers what the authenticator app needs. */
    SetupSecret start(String user) {
        CodeSettings code = settings.code();
        OtpSecret secret = OtpSecret.generate(code.algorithm(), random);
        TotpSecret pending = new TotpSecret(cipher.seal(user, secret.bytes()), code.algorithm(), code.length(),
                code.period());
        records.change(user, record -> record.withConsent(true).withPendingTotp(pending));
        String uri = new OtpAuthUri(settings.setup().issuer(), user, secret, code.algorithm(), code.length(),
                code.period()).toUri();
        return new SetupSecret(secret.toBase32(), uri);
    }

    /**
     * Enables {@code methods} once {@code typed} proves one of them: an app code from the pending
     * secret when {@code methods} has the app, else the message code sent for this set-up through
     * one of the chosen channels (an emailed code does not prove a phone number).
     * Enrolling voids every trusted device (and every browser authorised by device
     * authorisation, which must not turn into a second-factor trust). Wrong codes count toward
     * the lock.
     */
    SetupConfirmation confirm(String user, String typed, Set<VerifyMethod> methods, String signInId, String language) {
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("choose at least one method");
        }
        Instant now = clock.instant();
        Optional<String> code = CodeFormat.normalize(typed);
        List<String> backupCodes = new RandomCodes(random).backupCodes(settings.backupCodes().count(),
                settings.backupCodes().length());
        List<String> backupHashes = backupCodes.stream().map(hashes::hash).toList();
        return records.update(user, record -> {
            if (record.isLocked(now)) {
                return RecordUpdate.keep(SetupConfirmation.refused(Lockouts.refused(record, now)));
            }
            Optional<UserRecord> enabled = code.flatMap(c -> prove(user, record, c, methods, signInId, now));
            if (enabled.isEmpty()) {
                UserRecord failed = record.recordFailure(now, Lockouts.rule(settings.lockout()));
                return RecordUpdate.write(failed, SetupConfirmation.refused(Lockouts.failed(failed)));
            }
            UserRecord next = enabled.get().regenerateBackupCodes(backupHashes).markVerified(now).withLanguage(language);
            Factor factor = methods.contains(VerifyMethod.APP) ? Factor.APP : Factor.MESSAGE;
            return RecordUpdate.write(next, new SetupConfirmation(VerifyOutcome.verified(factor, 0, next.trustEpoch()),
                    backupCodes.stream().map(CodeFormat::grouped).toList()));
        });
    }

    private Optional<UserRecord> prove(String user, UserRecord record, String code, Set<VerifyMethod> methods,
            String signInId, Instant now) {
        TotpSecret newSecret = null;
        long step = UserRecord.NO_STEP;
        if (methods.contains(VerifyMethod.APP)) {
            Optional<TotpMatch> match = appCodes.match(user, record.pendingTotp(), code, UserRecord.NO_STEP);
            if (match.isEmpty()) {
                return Optional.empty();
            }
            newSecret = record.pendingTotp();
            step = match.get().step();
        } else if (record.messageCode() == null || signInId == null || record.messageCode().isExpired(now)
                || !methods.contains(record.messageCode().channel())
                || !hashes.matches(CodeHashes.bound(signInId, code), record.messageCode().hash())) {
            return Optional.empty();
        }
        UserRecord base = record.enabled() ? keepKeys(record.disable(), record)
                : record.withMessageCode(null).bumpTrustEpoch();
        base = base.withConsent(true).withPendingTotp(newSecret);
        if (newSecret != null) {
            base = base.confirmPendingTotp().orElseThrow().useStep(step).orElseThrow();
        }
        return Optional.of(base.enable(methods));
    }

    /** {@code cleared} with the security keys of {@code before}: setting up the app again keeps them. */
    private static UserRecord keepKeys(UserRecord cleared, UserRecord before) {
        UserRecord kept = cleared;
        for (var key : before.securityKeys()) {
            kept = kept.addSecurityKey(key, Integer.MAX_VALUE).orElse(kept);
        }
        return kept;
    }

    /** Turns the second factor off and withdraws consent; every trusted device is voided. */
    void disable(String user) {
        records.change(user, record -> record.disable().withConsent(false));
    }

    /** A new set of backup codes replacing the old ones; answers them as shown to the user. */
    List<String> regenerateBackupCodes(String user) {
        List<String> codes = new RandomCodes(random).backupCodes(settings.backupCodes().count(),
                settings.backupCodes().length());
        List<String> hashed = codes.stream().map(hashes::hash).toList();
        records.change(user, record -> record.regenerateBackupCodes(hashed));
        return codes.stream().map(CodeFormat::grouped).toList();
    }


}
