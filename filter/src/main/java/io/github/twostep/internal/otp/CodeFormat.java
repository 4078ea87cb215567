package io.github.twostep.internal.otp;

import java.util.Locale;
import java.util.Optional;

/**
 * The one canonical form of typed codes (backup, message, emergency and operator codes), so a
 * code hashed at creation matches however the user types it later.
 */
public final class CodeFormat {
    /** Longer input is not a code; refused before it is scanned. */
    public static final int MAX_INPUT_CHARS = 128;
    private static final int GROUP = 4;

    private CodeFormat() {
    }

    /**
     * Canonical form of a typed code: spaces and dashes (including typographic dashes and
     * no-break spaces) removed, ASCII letters upper-cased.
     *
     * @return the canonical code of ASCII letters and digits, or empty for null, blank,
     *     too-long input or any other character
     */
    public static Optional<String> normalize(String typed) {
        if (typed == null || typed.length() > MAX_INPUT_CHARS) {
            return Optional.empty();
        }
        StringBuilder canonical = new StringBuilder(typed.length());
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (isSeparator(c)) {
                continue;
            }
            if (c >= 'a' && c <= 'z') {
                canonical.append((char) (c - 'a' + 'A'));
            } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                canonical.append(c);
            } else {
                return Optional.empty();
            }
        }
        return canonical.length() == 0 ? Optional.empty() : Optional.of(canonical.toString());
    }

    /** A canonical code as shown to people: lower case in groups of four, {@code abcd-efgh}. */
    public static String grouped(String canonicalCode) {
        String lower = canonicalCode.toLowerCase(Locale.ROOT);
        StringBuilder shown = new StringBuilder(lower.length() + lower.length() / GROUP);
        for (int i = 0; i < lower.length(); i += GROUP) {
            if (i > 0) {
                shown.append('-');
            }
            shown.append(lower, i, Math.min(i + GROUP, lower.length()));
        }
        return shown.toString();
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '\t' || c == '\u00a0' || c == '\u202f'
                || (c >= '\u2010' && c <= '\u2015') || c == '\u2212';
    }
}
