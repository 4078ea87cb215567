package io.github.twostep.delivery;


/**
 * Says where a user can be reached. The default reads columns of the application's users table
 * ({@code JdbcContactResolver}, settings {@code contacts.emailColumn} and
 * {@code contacts.phoneColumn}); an application may name its own class instead
 * ({@code contacts.resolver}, created through a public no-argument constructor). Called from
 * request threads at the same time; must be thread-safe.
 */
@FunctionalInterface
public interface ContactResolver {

    /**
     * The contacts of {@code username}; {@link Contacts#none()} for an unknown user, so the
     * answer does not tell whether the user exists.
     */
    Contacts contacts(String username);
}
