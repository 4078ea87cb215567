package io.github.twostep.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.TwoStepException;
import io.github.twostep.store.UserDataStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a {@link JdbcUserDataStore} must do on any database, beyond the store contract. */
abstract class JdbcStoreContract extends UserDataStoreContract {

    /** The test database, through the DataSource one node would use. */
    abstract DataSource dataSource();

    /** The same database through a separate DataSource: a second node. */
    abstract DataSource secondDataSource();

    /** Column type for comments, big enough for a 1 MB comment. */
    abstract String textType();

    @Override
    UserDataStore store() {
        execute("DROP TABLE IF EXISTS users", "CREATE TABLE users (username VARCHAR(300) PRIMARY KEY, comment "
                + textType() + ")");
        for (String user : USERS) {
            insert("users", user, null);
        }
        return new JdbcUserDataStore(dataSource(), "users", "username", "comment", false);
    }

    @Override
    UserDataStore sameStorage(UserDataStore first) {
        return new JdbcUserDataStore(secondDataSource(), "users", "username", "comment", false);
    }

    @Test
    void readWhenRowMissingThenUnknownUser() {
        UserDataStore store = store();
        assertEquals(Optional.empty(), store.read("mallory"));
        assertTrue(store.read("mallory").isEmpty());
        assertFalse(store.compareAndSet("mallory", null, "x"));
        assertEquals(Optional.empty(), store.read("mallory"));
    }

    @Test
    void compareAndSetWhenCommentEmptyStringThenExpectedNullMatches() {
        UserDataStore store = store();
        execute("UPDATE users SET comment = '' WHERE username = 'bob'");
        assertEquals(Optional.of(""), store.read("bob"));
        assertTrue(store.compareAndSet("bob", null, "x"));
    }

    @Test
    void readWhenCaseInsensitiveThenAnySpellingFindsTheRow() {
        store();
        insert("users", "Carol", "hi");
        UserDataStore insensitive = new JdbcUserDataStore(dataSource(), "users", "username", "comment", true);
        UserDataStore sensitive = new JdbcUserDataStore(dataSource(), "users", "username", "comment", false);
        assertEquals(Optional.of("hi"), insensitive.read("CAROL"));
        assertTrue(insensitive.compareAndSet("carol", "hi", "there"));
        assertEquals(Optional.of("there"), sensitive.read("Carol"));
        assertEquals(Optional.empty(), sensitive.read("carol"));
    }

    @Test
    void compareAndSetWhenCaseInsensitiveNameMatchesTwoRowsThenErrorAndNothingWritten() {
        store();
        insert("users", "Dave", null);
        insert("users", "DAVE", null);
        UserDataStore insensitive = new JdbcUserDataStore(dataSource(), "users", "username", "comment", true);
        assertThrows(TwoStepException.class, () -> insensitive.read("dave"));
        assertThrows(TwoStepException.class, () -> insensitive.compareAndSet("dave", null, "x"));
        UserDataStore sensitive = new JdbcUserDataStore(dataSource(), "users", "username", "comment", false);
        assertEquals(Optional.of(""), sensitive.read("Dave"));
        assertEquals(Optional.of(""), sensitive.read("DAVE"));
    }

    @Test
    void compareAndSetWhenSchemaQualifiedTableThenUsed() {
        execute("DROP SCHEMA IF EXISTS app CASCADE", "CREATE SCHEMA app",
                "CREATE TABLE app.members (login VARCHAR(50) PRIMARY KEY, note " + textType() + ")");
        insert("app.members", "erin", "hello");
        UserDataStore store = new JdbcUserDataStore(dataSource(), "app.members", "login", "note", false);
        assertTrue(store.compareAndSet("erin", "hello", "bye"));
        assertEquals(Optional.of("bye"), store.read("erin"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"users; DROP TABLE users", "a.b.c", "1users", "", "users\"", "us ers", "app.", "\u00fcsers"})
    void constructorWhenIdentifierNotPlainThenRejected(String name) {
        assertThrows(IllegalArgumentException.class,
                () -> new JdbcUserDataStore(dataSource(), name, "username", "comment", false));
        assertThrows(IllegalArgumentException.class,
                () -> new JdbcUserDataStore(dataSource(), "users", name, "comment", false));
    }

    @Test
    void readWhenTableMissingThenClearErrorNamingTable() {
        UserDataStore store = new JdbcUserDataStore(dataSource(), "no_such_table", "username", "comment", false);
        TwoStepException e = assertThrows(TwoStepException.class, () -> store.read("alice"));
        assertTrue(e.getMessage().contains("no_such_table"));
    }

    void execute(String... statements) {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void insert(String table, String user, String comment) {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
            insert.setString(1, user);
            insert.setString(2, comment);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
