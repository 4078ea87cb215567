package io.github.twostep.internal.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The hash of a one-time code (emergency or operator code) and when it stops working. The hash
 * is opaque here: the caller makes and matches it. {@link #toString()} hides it.
 */
public record ExpiringCode(String hash, Instant expiresAt) {

    public ExpiringCode {
        expiresAt = UserRecord.wholeSeconds(expiresAt);
        UserRecord.requireHash(hash);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the code no longer works at {@code now}. */
    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "ExpiringCode[expiresAt=" + expiresAt + "]";
    }
}
