package io.github.twostep.config;

import java.util.Objects;

/**
 * Where TwoStep's pages and API live ({@code paths}).
 *
 * @param prefix starts with {@code /} and does not end with one, e.g. {@code /2fa}
 */
public record PathSettings(String prefix) {

    public PathSettings {
        Objects.requireNonNull(prefix, "prefix");
    }
}
