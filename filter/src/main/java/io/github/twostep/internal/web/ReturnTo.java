package io.github.twostep.internal.web;

import java.util.Optional;

/**
 * The page to go back to after sign-in or verification, accepted only when it stays on this
 * site: a path beginning with a single {@code /}. Anything that a browser could read as another
 * origin ({@code //evil.example}, {@code /\evil.example}, {@code https:...}, control characters,
 * encoded slashes or backslashes) is refused, so the parameter can never be an open redirect.
 */
public final class ReturnTo {
    static final int MAX_LENGTH = 2048;

    private ReturnTo() {
    }

    /** {@code target} when it is a same-origin path, otherwise empty. */
    public static Optional<String> sameOrigin(String target) {
        if (target == null || target.isEmpty() || target.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        if (target.charAt(0) != '/' || target.startsWith("//")) {
            return Optional.empty();
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '\\' || c < 0x21 || c == 0x7f || c > 0x7e) {
                return Optional.empty();
            }
        }
        String lower = target.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%0") || lower.contains("%1")) {
            return Optional.empty();
        }
        return Optional.of(target);
    }
}
