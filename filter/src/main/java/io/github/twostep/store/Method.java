package io.github.twostep.store;

import java.util.Locale;

/** A way a user proves the second factor, as kept in the user record. */
public enum Method {
    /** An authenticator app (TOTP). */
    APP,
    /** A code sent by e-mail. */
    EMAIL,
    /** A code sent by text message. */
    SMS,
    /** A code read out in a phone call. */
    CALL;

    /** The lower-case name used in settings, JSON and the record: {@code "app"}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The method with this {@link #id()}.
     *
     * @throws IllegalArgumentException if no method has that id
     */
    public static Method fromId(String id) {
        for (Method method : values()) {
            if (method.id().equals(id)) {
                return method;
            }
        }
        throw new IllegalArgumentException("unknown method: " + id);
    }
}
