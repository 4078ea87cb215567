package io.github.twostep.internal.store;

import io.github.twostep.store.InvalidUsernameException;
import java.util.Locale;
import java.util.Objects;

/** Checks usernames before they reach a store, a file name or a log line. */
public final class Usernames {
    /** Longest accepted username in UTF-16 chars; e-mail addresses stop at 254. */
    static final int MAX_LENGTH = 256;

    private Usernames() {
    }

    /**
     * Returns the username unchanged if it is usable: 1 to {@value #MAX_LENGTH} characters, no
     * control characters (NUL, newlines, ...). Quotes, slashes and non-ASCII letters are fine:
     * no store builds SQL or paths from them.
     */
    static String requireValid(String username) {
        Objects.requireNonNull(username, "username");
        if (username.isEmpty()) {
            throw new InvalidUsernameException("empty");
        }
        if (username.length() > MAX_LENGTH) {
            throw new InvalidUsernameException("longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < username.length(); i++) {
            if (Character.isISOControl(username.charAt(i))) {
                throw new InvalidUsernameException("contains a control character");
            }
        }
        return username;
    }

    /**
     * The form a record is bound to (encryption associated data, block MAC): lower case in the
     * root locale, so a store with case-insensitive lookup may be asked as "Alice" or "alice".
     */
    static String binding(String username) {
        return requireValid(username).toLowerCase(Locale.ROOT);
    }
}
