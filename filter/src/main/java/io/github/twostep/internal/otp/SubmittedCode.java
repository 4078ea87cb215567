package io.github.twostep.internal.otp;

/** Reads a typed numeric code into a number once, so candidates compare as integers. */
final class SubmittedCode {
    /** Longer input is refused before it is scanned. */
    private static final int MAX_INPUT_CHARS = 64;

    private SubmittedCode() {
    }

    /**
     * The value of exactly {@code digits} ASCII digits, ignoring spaces and dashes.
     *
     * @return the value, or -1 for null, empty, a non-digit, or the wrong number of digits
     */
    static long parse(String code, int digits) {
        if (code == null || code.length() > MAX_INPUT_CHARS) {
            return -1;
        }
        long value = 0;
        int count = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == ' ' || c == '-') {
                continue;
            }
            if (c < '0' || c > '9' || ++count > digits) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return count == digits ? value : -1;
    }
}
