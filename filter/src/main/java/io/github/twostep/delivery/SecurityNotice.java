package io.github.twostep.delivery;

/** Changes to an account's security that TwoStep tells the user about by email. */
public enum SecurityNotice {
    /** The user turned two-factor authentication off. */
    TWO_STEP_DISABLED,
    /** A way to get sign-in codes (email, text or call) was added to the account. */
    METHOD_ADDED,
    /** A way of signing in with a second factor was removed from the account. */
    METHOD_REMOVED,
    /** New backup codes were made; the old ones stopped working. */
    BACKUP_CODES_REGENERATED,
    /** A browser was marked as trusted and will not be asked for a code for a while. */
    NEW_TRUSTED_DEVICE,
    /** An administrator's emergency code was used to sign in. */
    EMERGENCY_CODE_USED,
    /** An administrator reset the account's two-factor authentication. */
    ADMIN_RESET,
    /** The user followed "this wasn't me": sign-in with a code is blocked and trust voided. */
    SIGN_IN_BLOCKED,
    /** Wrong codes reached {@code lockout.maxConsecutiveFailures}: locked until an administrator unlocks it. */
    LOCKED_PERMANENTLY,
    /** A security key or passkey was registered; the detail is its name. */
    SECURITY_KEY_ADDED,
    /** A security key or passkey was removed; the detail is its name. */
    SECURITY_KEY_REMOVED
}
