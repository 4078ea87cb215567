package io.github.twostep.internal.store;

import io.github.twostep.config.VerifyMethod;
import java.time.Instant;
import java.util.Objects;

/**
 * A code sent by e-mail, text or call that waits to be entered: its opaque hash, expiry and the
 * channel it went out on. {@link #toString()} hides the hash.
 */
public record MessageCode(String hash, Instant expiresAt, VerifyMethod channel) {

    public MessageCode {
        expiresAt = UserRecord.wholeSeconds(expiresAt);
        UserRecord.requireHash(hash);
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(channel, "channel");
        if (channel == VerifyMethod.APP) {
            throw new IllegalArgumentException("the app has no message code");
        }
    }

    /** Whether the code no longer works at {@code now}. */
    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "MessageCode[channel=" + channel + ", expiresAt=" + expiresAt + "]";
    }
}
