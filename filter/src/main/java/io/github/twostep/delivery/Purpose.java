package io.github.twostep.delivery;

/** Why a message is sent; senders may use it to pick a sender id, a priority or a template of their own. */
public enum Purpose {
    /** A code that completes a sign-in (including a password-less one). */
    SIGN_IN_CODE,
    /** A code that confirms a new email or phone method during set-up. */
    SETUP_CODE,
    /** A code that authorises a browser the account has not used before. */
    DEVICE_CODE,
    /** A notice about a change to the account's security; it never holds a code. */
    SECURITY_NOTICE;

    /** Whether messages with this purpose carry a one-time code. */
    public boolean carriesCode() {
        return this != SECURITY_NOTICE;
    }
}
