package io.github.twostep.core;

import io.github.twostep.config.VerifyMethod;
import io.github.twostep.store.UserRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A user's second factor as an administrator sees it, worked out once at {@code now}: the admin
 * API, the admin page, the sample's admin page and the command-line tool all show these facts.
 * Holds no secret, code or hash.
 *
 * @param user            the user name as asked for
 * @param enrolled        a second factor is set up
 * @param methods         the methods set up, sorted; empty when not enrolled
 * @param lockedUntil     when the lock on the second factor ends; null when not locked
 * @param failedAttempts  wrong codes counted since the last success, unlock or reset
 * @param devices         trusted devices not yet expired
 * @param backupCodesLeft unused backup codes
 * @param lastVerified    when a code was last accepted; null if never
 */
public record AccountSummary(String user, boolean enrolled, List<VerifyMethod> methods, Instant lockedUntil,
                             int failedAttempts, int devices, int backupCodesLeft, Instant lastVerified) {

    public AccountSummary {
        Objects.requireNonNull(user, "user");
        methods = List.copyOf(methods);
    }

    /** The summary of {@code record} ({@code null}: the user never set anything up) at {@code now}. */
    static AccountSummary of(String user, UserRecord record, Instant now) {
        if (record == null) {
            return new AccountSummary(user, false, List.of(), null, 0, 0, 0, null);
        }
        boolean enrolled = record.enabled();
        return new AccountSummary(user, enrolled, enrolled ? record.methods().stream().sorted().toList() : List.of(),
                record.isLocked(now) ? record.lockedUntil() : null, record.failures(),
                (int) record.devices().stream().filter(d -> !d.isExpired(now)).count(),
                record.backupCodes().size(), record.lastVerified());
    }

    /** Whether the second factor is locked now. */
    public boolean locked() {
        return lockedUntil != null;
    }
}
