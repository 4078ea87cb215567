package io.github.twostep;

import io.github.twostep.audit.AuditEvent;
import io.github.twostep.internal.core.Accounts;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an administrator, a help desk tool or the command line may do to a user's second factor.
 * Every change is written to the audit trail with the {@link Caller} given and, where the user
 * should know, followed by a security notice. Get it from {@link TwoStep#administration()}.
 *
 * <p>The user names are the application's; a name the store does not know fails with
 * {@link io.github.twostep.store.UnknownUserException} (from the JDBC store) or is treated as a
 * user who never set anything up (stores that keep any name).
 */
public final class Administration {
    private final Accounts accounts;

    Administration(Accounts accounts) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    /** What an administrator is shown of {@code user}'s second factor now. */
    public AccountSummary summary(String user) {
        return accounts.summary(user);
    }

    /**
     * Turns the second factor off: secret, codes, security keys and trusted devices are gone, and
     * the next sign-in starts from nothing (or from enrolment, when the settings require it).
     * Idempotent; the user gets a notice.
     */
    public void reset(String user, Caller caller) {
        accounts.reset(user, caller);
    }

    /** Clears the lock on the second factor and the count of wrong codes. */
    public void unlock(String user, Caller caller) {
        accounts.unlock(user, caller);
    }

    /**
     * A new emergency code for the user, to hand over on a channel the administrator trusts:
     * it works once, and only until {@link IssuedCode#expiresAt()} ({@code admin.emergencyCode}).
     */
    public IssuedCode emergencyCode(String user, Caller caller) {
        return accounts.emergencyCode(user, caller);
    }

    /**
     * Stores the one-time code an operator read to a user who called ("dial"): 4 to 20 letters or
     * digits. Answers when it expires, or empty when the code has another form (nothing stored).
     */
    public Optional<Instant> operatorCode(String user, String code, Caller caller) {
        return accounts.operatorCode(user, code, caller);
    }

    /** The user's unexpired trusted devices, oldest first. */
    public List<Device> devices(String user) {
        return accounts.devices(user).stream()
                .map(d -> new Device(d.id(), d.label(), d.created(), d.lastUsed(), d.expires()))
                .toList();
    }

    /** Revokes one trusted device; false when the user has no device with that id. */
    public boolean revokeDevice(String user, String deviceId, Caller caller) {
        return accounts.revokeDevice(user, deviceId, caller);
    }

    /** The user's security keys and passkeys, oldest first. */
    public List<Key> securityKeys(String user) {
        return accounts.securityKeys(user).stream()
                .map(k -> new Key(k.id(), k.name(), k.created(), k.lastUsed()))
                .toList();
    }

    /** The user's audit trail, oldest first, at most {@code limit} events. */
    public List<AuditEvent> auditTrail(String user, int limit) {
        return accounts.auditTrail(user, limit);
    }

    /**
     * A browser the user trusts, as listed to them and to administrators.
     *
     * @param id       the short id that {@link #revokeDevice} takes
     * @param label    browser and system, as the device was described when trusted
     * @param lastUsed when the device last skipped the code
     */
    public record Device(String id, String label, Instant created, Instant lastUsed, Instant expires) {
    }

    /**
     * A registered security key or passkey.
     *
     * @param id       the credential id (base64url)
     * @param name     the name the user gave it
     * @param lastUsed when it last signed a challenge; null if never
     */
    public record Key(String id, String name, Instant created, Instant lastUsed) {
    }
}
