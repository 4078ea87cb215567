package io.github.twostep.cli;

import io.github.twostep.AccountSummary;
import io.github.twostep.Administration;
import io.github.twostep.Caller;
import io.github.twostep.IssuedCode;
import io.github.twostep.config.VerifyMethod;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The commands on one user, each a call to {@link Administration} (so every change is audited with
 * the caller {@link #CALLER}) printed as plain lines, times in UTC to the second.
 */
final class UserCommands {
    /** Who the audit trail names for changes made here. */
    static final Caller CALLER = new Caller("cli", "twostep-cli");

    private final Administration accounts;
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;

    UserCommands(Administration accounts, Clock clock, PrintStream out, PrintStream err) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    /**
     * Runs a user command; answers the exit status.
     *
     * @throws io.github.twostep.store.UnknownUserException if the users table has no such user
     */
    int run(CommandLine line) {
        String user = line.argument(0);
        switch (line.command()) {
            case STATUS -> status(user);
            case RESET -> reset(user);
            case EMERGENCY_CODE -> emergencyCode(user);
            case UNLOCK -> unlock(user);
            case DEVICES -> devices(user);
            case REVOKE_DEVICE -> {
                return revokeDevice(user, line.argument(1));
            }
            default -> throw new IllegalArgumentException("not a user command: " + line.command());
        }
        return TwoStepCli.OK;
    }

    private void status(String user) {
        AccountSummary summary = accounts.summary(user);
        out.println("user: " + user);
        out.println("enrolled: " + (summary.enrolled() ? "yes" : "no"));
        out.println("methods: " + (summary.enrolled() ? String.join(", ", summary.methods()) : "none"));
        out.println("locked: " + (summary.locked() ? "yes, until " + time(summary.lockedUntil()) : "no"));
        out.println("failed attempts: " + summary.failedAttempts());
        out.println("devices: " + summary.devices());
        out.println("security keys: " + summary.keys());
        out.println("backup codes left: " + summary.backupCodesLeft());
        out.println("last verification: " + (summary.lastVerified() == null ? "never" : time(summary.lastVerified())));
    }

    private void reset(String user) {
        accounts.reset(user, CALLER);
        out.println("reset " + user + ": two-factor authentication is off, its secret, codes and trusted devices"
                + " are gone; the next sign-in starts from nothing");
    }

    private void emergencyCode(String user) {
        IssuedCode issued = accounts.emergencyCode(user, CALLER);
        out.println("emergency code: " + issued.code());
        out.println("expires: " + time(issued.expiresAt()));
        out.println("It works once for " + user + ". Hand it over on a channel you trust.");
    }

    private void unlock(String user) {
        accounts.unlock(user, CALLER);
        out.println("unlocked " + user + ": failed attempts cleared");
    }

    private void devices(String user) {
        List<Administration.Device> devices = accounts.devices(user);
        if (devices.isEmpty()) {
            out.println(user + " has no trusted devices");
        }
        for (Administration.Device device : devices) {
            out.println(device.id() + "  \"" + device.label() + "\"  created " + time(device.created())
                    + "  last used " + time(device.lastUsed()) + "  expires " + time(device.expires()));
        }
        for (Administration.Key key : accounts.securityKeys(user)) {
            out.println("security key " + key.id() + "  \"" + key.name() + "\"  added " + time(key.created())
                    + "  last used " + (key.lastUsed() == null ? "never" : time(key.lastUsed())));
        }
    }

    private int revokeDevice(String user, String deviceId) {
        if (!accounts.revokeDevice(user, deviceId, CALLER)) {
            err.println("twostep: " + user + " has no trusted device " + deviceId + " (see: twostep devices " + user + ")");
            return TwoStepCli.FAILED;
        }
        out.println("revoked device " + deviceId + " of " + user);
        return TwoStepCli.OK;
    }

    private static String time(Instant instant) {
        return instant == null ? "never" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
