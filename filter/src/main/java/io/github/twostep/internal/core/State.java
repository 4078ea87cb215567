package io.github.twostep.internal.core;

import java.util.Locale;

/** Where a request's user stands with the second factor; {@code GET status} shows {@link #wireName()}. */
public enum State {
    /** No first factor yet. */
    ANONYMOUS,
    /** Signed in, must set up a second factor before going on. */
    ENROLL,
    /** Signed in, must prove the second factor before going on. */
    CHALLENGE,
    /** Second factor proven in this session or by a trusted device. */
    VERIFIED,
    /** Signed in, no second factor set up, and none required. */
    OPTIONAL,
    /** Exempt by role, user or path. */
    EXEMPT,
    /** Two-factor authentication is turned off app-wide. */
    DISABLED;

    /** The lower-case name used in the HTTP API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
