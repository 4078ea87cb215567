package io.github.twostep.core;

import io.github.twostep.config.VerifyMethod;
import io.github.twostep.store.UserRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A user's second factor as an administrator sees it, worked out once at {@code now}: the admin
 * API, the admin page, the sample's admin page and the command-line tool all show these facts.
 * Holds no secret, code or hash.
 *
 * @param user            the user name as asked for
 * @param enrolled        a second factor is set up
 * @param methods         the methods set up as the API spells them, sorted, {@code webauthn} for
 *                        security keys; empty when not enrolled
 * @param lockedUntil     when the lock on the second factor ends; null when not locked
 * @param failedAttempts  wrong codes counted since the last success, unlock or reset
 * @param devices         trusted devices not yet expired
 * @param backupCodesLeft unused backup codes
 * @param lastVerified    when a code was last accepted; null if never
 * @param keys            registered security keys and passkeys
 */
public record AccountSummary(String user, boolean enrolled, List<String> methods, Instant lockedUntil,
                             int failedAttempts, int devices, int backupCodesLeft, Instant lastVerified, int keys) {
    /** The name of security keys among {@link #methods()}. */
    public static final String WEBAUTHN = "webauthn";


    public AccountSummary {
        Objects.requireNonNull(user, "user");
        methods = List.copyOf(methods);
    }

    /** The summary of {@code record} ({@code null}: the user never set anything up) at {@code now}. */
    static AccountSummary of(String user, UserRecord record, Instant now) {
        if (record == null) {
            return new AccountSummary(user, false, List.of(), null, 0, 0, 0, null, 0);
        }
        boolean enrolled = record.enabled();
        List<String> methods = new ArrayList<>(record.methods().stream().map(VerifyMethod::jsonName).toList());
        if (!record.securityKeys().isEmpty()) {
            methods.add(WEBAUTHN);
        }
        Collections.sort(methods);
        return new AccountSummary(user, enrolled, enrolled ? methods : List.of(),
                record.isLocked(now) ? record.lockedUntil() : null, record.failures(),
                (int) record.devices().stream().filter(d -> !d.isExpired(now)).count(),
                record.backupCodes().size(), record.lastVerified(), record.securityKeys().size());
    }

    /** Whether the second factor is locked now. */
    public boolean locked() {
        return lockedUntil != null;
    }
}
