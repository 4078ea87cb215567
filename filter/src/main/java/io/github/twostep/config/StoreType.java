package io.github.twostep.config;

/** Which {@code UserDataStore} keeps the users' 2FA data ({@code store.type}). */
public enum StoreType {
    /** In memory: lost on restart, for tests and demos. */
    MEMORY,
    /** A column of the application's users table. */
    JDBC,
    /** One file per user in a directory. */
    FILE,
    /** A class of the application's, named in {@link StoreSettings#className()}. */
    CLASS
}
