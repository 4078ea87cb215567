package io.github.twostep.sample;

/**
 * The sample's rule for a new password (NIST SP 800-63B: at least 8 characters, long
 * passphrases welcome) and its confirmation field.
 */
final class NewPassword {
    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;

    private NewPassword() {
    }

    /** The text key of what is wrong with {@code password} and its {@code confirmation}; null when nothing is. */
    static String problem(String password, String confirmation) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return "password_too_short";
        }
        if (password.codePointCount(0, password.length()) > MAX_LENGTH) {
            return "password_too_long";
        }
        if (!password.equals(confirmation)) {
            return "password_mismatch";
        }
        return null;
    }
}
