package io.github.twostep.config;

import java.util.Objects;

/**
 * The first factor ({@code login}).
 *
 * @param mode              external (the application signs users in) or builtin
 * @param path              the built-in login page
 * @param sessionAttribute  external mode: a session attribute holding the user; null: use
 *                          {@code getRemoteUser()}
 * @param principalResolver external mode: fully qualified name of the application's
 *                          {@code PrincipalResolver} class; null: none
 */
public record LoginSettings(LoginMode mode, String path, String sessionAttribute, String principalResolver) {

    public LoginSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(path, "path");
    }
}
