package io.github.twostep.login;

import java.util.Optional;

/**
 * Checks a password for the built-in login. The default reads bcrypt or Argon2id hashes from
 * the users table ({@code JdbcPasswordVerifier}); an application can name its own class in
 * {@code login.passwordVerifier}.
 *
 * <p>Implementations answer an unknown user exactly as a wrong password, and should spend
 * about the same time on both (see {@link PasswordHashes#matchesDummy(char[])}).
 */
@FunctionalInterface
public interface PasswordVerifier {
    /** The user, if {@code password} is theirs; empty for an unknown user or a wrong password. */
    Optional<AuthenticatedUser> verify(String username, char[] password);

    /**
     * The user named {@code username} without checking a password, for password-less sign-in
     * (the emailed code is then the proof). The default knows nobody, which turns password-less
     * sign-in into "nobody can sign in" rather than "anybody can".
     */
    default Optional<AuthenticatedUser> find(String username) {
        return Optional.empty();
    }
}
