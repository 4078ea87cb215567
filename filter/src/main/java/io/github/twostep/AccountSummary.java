package io.github.twostep;

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

    /** Whether the second factor is locked now. */
    public boolean locked() {
        return lockedUntil != null;
    }
}
