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
 * @param passwordColumn    builtin mode: column of the users table (store.jdbc.table) holding
 *                          bcrypt or Argon2id password hashes
 * @param rolesColumn       builtin mode: column holding the user's roles, comma-separated; null:
 *                          no roles
 * @param passwordVerifier  builtin mode: fully qualified name of the application's
 *                          {@code PasswordVerifier} class; null: the JDBC default
 * @param throttle          password throttling per name, for the built-in login and
 *                          every password confirmation
 */
public record LoginSettings(LoginMode mode, String path, String sessionAttribute, String principalResolver,
                            String passwordColumn, String rolesColumn, String passwordVerifier,
                            ThrottleSettings throttle) {

    public LoginSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(throttle, "throttle");
    }
}
