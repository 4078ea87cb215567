package io.github.twostep.internal.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A set of path patterns as {@code exempt.paths} writes them: an exact path ({@code "/about"}),
 * or a prefix ending in {@code "/*"} ({@code "/static/*"} matches {@code /static} and everything
 * below it). {@code "/"} is the home page only.
 *
 * <p>Paths are matched as the container normalised them (servlet path plus path info, decoded,
 * dot segments removed, no path parameters), never on the raw request URI. A path that still
 * holds a {@code ;}, a backslash, a NUL or a dot segment did not come from a normalising
 * container and matches nothing, so a crafted URI can at worst be guarded, never exempted.
 */
public final class PathPatterns {
    private final List<String> exact = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();

    /** Compiles {@code patterns}; each must start with {@code /}. */
    public PathPatterns(List<String> patterns) {
        Objects.requireNonNull(patterns, "patterns");
        for (String pattern : patterns) {
            Objects.requireNonNull(pattern, "pattern");
            if (!pattern.startsWith("/")) {
                throw new IllegalArgumentException("a path pattern must start with '/': " + pattern);
            }
            if (pattern.endsWith("/*")) {
                prefixes.add(pattern.substring(0, pattern.length() - 2));
            } else {
                exact.add(pattern);
            }
        }
    }

    /** Whether the normalised {@code path} is one of the patterns. */
    public boolean matches(String path) {
        if (path == null || !isNormalised(path)) {
            return false;
        }
        if (exact.contains(path)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (path.equals(prefix) || path.startsWith(prefix + "/") || prefix.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** A path as a normalising container hands it over: absolute, no parameters, no dot segments. */
    static boolean isNormalised(String path) {
        if (!path.startsWith("/") || path.contains("//")) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == ';' || c == '\\' || c == '%' || c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
