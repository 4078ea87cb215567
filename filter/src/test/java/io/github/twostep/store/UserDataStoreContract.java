package io.github.twostep.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@link UserDataStore} contract, run against every store. A subclass supplies a store in
 * which {@link #knownUsers()} exist with empty comments.
 */
abstract class UserDataStoreContract {

    /** A fresh store for one test; the users of {@link #knownUsers()} exist with empty comments. */
    abstract UserDataStore store();

    /** Users the store knows; include awkward but valid names. */
    static final String[] USERS = {"alice", "bob", "o'brien\"; DROP TABLE users; --", "../../etc/passwd",
        "j\u00fcrgen.m\u00fcller@b\u00e4ckerei.example", "\u7528\u6237"};

    String[] knownUsers() {
        return USERS;
    }

    @Test
    void readWhenNothingWrittenThenEmptyComment() {
        UserDataStore store = store();
        for (String user : knownUsers()) {
            assertEquals(Optional.of(""), store.read(user), user);
            assertTrue(store.exists(user));
        }
    }

    @Test
    void compareAndSetWhenExpectedMatchesThenWritten() {
        UserDataStore store = store();
        assertTrue(store.compareAndSet("alice", null, "one"));
        assertTrue(store.compareAndSet("alice", "one", "two"));
        assertEquals(Optional.of("two"), store.read("alice"));
        assertEquals(Optional.of(""), store.read("bob"));
    }

    @Test
    void compareAndSetWhenExpectedStaleThenNothingWritten() {
        UserDataStore store = store();
        assertTrue(store.compareAndSet("alice", "", "one"));
        assertFalse(store.compareAndSet("alice", null, "two"));
        assertFalse(store.compareAndSet("alice", "zero", "two"));
        assertEquals(Optional.of("one"), store.read("alice"));
    }

    @Test
    void compareAndSetWhenAwkwardUsernamesThenEachKeepsItsOwnComment() {
        UserDataStore store = store();
        for (String user : knownUsers()) {
            assertTrue(store.compareAndSet(user, null, "comment of " + user), user);
        }
        for (String user : knownUsers()) {
            assertEquals(Optional.of("comment of " + user), store.read(user), user);
        }
    }

    @Test
    void compareAndSetWhenOneMegabyteCommentThenStoredExactly() {
        UserDataStore store = store();
        String big = "x\u00e9\n".repeat(350_000);
        assertTrue(store.compareAndSet("bob", null, big));
        assertEquals(Optional.of(big), store.read("bob"));
        assertTrue(store.compareAndSet("bob", big, "small"));
        assertEquals(Optional.of("small"), store.read("bob"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nul\u0000byte", "line\nbreak"})
    void readWhenUsernameInvalidThenClearError(String username) {
        UserDataStore store = store();
        assertThrows(InvalidUsernameException.class, () -> store.read(username));
        assertThrows(InvalidUsernameException.class, () -> store.compareAndSet(username, null, "x"));
    }

    @Test
    void readWhenUsernameTooLongThenClearError() {
        UserDataStore store = store();
        String longName = "a".repeat(300);
        InvalidUsernameException e = assertThrows(InvalidUsernameException.class, () -> store.read(longName));
        assertFalse(e.getMessage().contains(longName));
    }
}
