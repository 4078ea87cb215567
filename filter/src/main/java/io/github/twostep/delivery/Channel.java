package io.github.twostep.delivery;

import java.util.Locale;

/** The ways a message reaches a user. */
public enum Channel {
    /** An email to the user's address. */
    EMAIL,
    /** A text message to the user's phone number. */
    SMS,
    /** A voice call to the user's phone number that reads the message out. */
    CALL;

    /** The lower-case name used in settings and JSON answers: {@code email}, {@code sms}, {@code call}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * An address of this channel as a page or answer may show it, telling the user where a code
     * went without telling anyone else the whole address: {@code a***@example.com} for email,
     * {@code +1 ••• ••• 0100} for a phone; {@code ""} for null.
     */
    public String masked(String address) {
        return this == EMAIL ? ContactMask.email(address) : ContactMask.phone(address);
    }
}
