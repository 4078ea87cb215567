package io.github.twostep.internal.core;

import io.github.twostep.internal.store.SecurityKey;
import java.util.List;
import java.util.Objects;

/**
 * How registering a security key ended.
 *
 * @param result      what happened
 * @param key         the new key (null unless registered)
 * @param backupCodes for a key that turned the second factor on, the new backup codes as shown
 *                    to the user once; empty otherwise
 */
public record KeyRegistration(Result result, SecurityKey key, List<String> backupCodes) {

    /** What happened to the registration. */
    public enum Result {
        /** The key is registered. */
        REGISTERED,
        /** The answer did not verify: wrong challenge, origin or relying party, bad attestation, malformed. */
        INVALID,
        /** No ceremony of this session is waiting, or it expired. */
        NO_CEREMONY,
        /** The user has {@code maxKeys} keys already, or this one is registered. */
        TOO_MANY,
        /** The key does not fit in what is left of the user's stored record. */
        TOO_LARGE
    }

    public KeyRegistration {
        Objects.requireNonNull(result, "result");
        backupCodes = List.copyOf(backupCodes);
    }

    static KeyRegistration refused(Result result) {
        return new KeyRegistration(result, null, List.of());
    }
}
