package io.github.twostep.internal.core;

import io.github.twostep.internal.otp.CodeHasher;
import io.github.twostep.internal.store.KeyRing;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Hashes one-time codes with the current data key's pepper and matches them under every key
 * of the ring, so backup codes made before a key rotation keep working after it.
 */
final class CodeHashes {
    private final CodeHasher current;
    private final List<CodeHasher> all = new ArrayList<>();

    CodeHashes(KeyRing keys) {
        Objects.requireNonNull(keys, "keys");
        this.current = new CodeHasher(keys.currentPepper());
        all.add(current);
        for (String id : keys.keyIds()) {
            if (!id.equals(keys.currentKeyId())) {
                all.add(new CodeHasher(keys.pepper(id)));
            }
        }
    }

    String hash(String canonicalCode) {
        return current.hash(canonicalCode);
    }

    boolean matches(String canonicalCode, String storedHash) {
        boolean matched = false;
        for (CodeHasher hasher : all) {
            matched |= hasher.matches(canonicalCode, storedHash);
        }
        return matched;
    }

    /** The first of {@code storedHashes} that {@code canonicalCode} matches; every hash is checked. */
    Optional<String> find(String canonicalCode, List<String> storedHashes) {
        String found = null;
        for (String stored : storedHashes) {
            if (matches(canonicalCode, stored) && found == null) {
                found = stored;
            }
        }
        return Optional.ofNullable(found);
    }

    /** A message code is bound to the sign-in it was sent for: the hash covers both. */
    static String bound(String signInId, String canonicalCode) {
        return signInId + ":" + canonicalCode;
    }

    /**
     * A code that proves a channel before its method is added is bound to the sign-in and to
     * that method, and so never matches as {@link #bound(String, String)} (a sign-in or set-up code).
     */
    static String boundToAdding(String signInId, io.github.twostep.config.VerifyMethod method, String canonicalCode) {
        return "add-" + method.jsonName() + ":" + signInId + ":" + canonicalCode;
    }
}
