package io.github.twostep.config;

import java.util.Objects;

/**
 * An authenticator app suggested on the set-up page ({@code setup.authenticators[]}).
 *
 * @param name the app's name
 * @param url  where to get it
 */
public record Authenticator(String name, String url) {

    public Authenticator {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
    }
}
