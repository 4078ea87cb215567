package io.github.twostep.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import io.github.twostep.TwoStepException;
import io.github.twostep.delivery.Contacts;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcContactResolverTest {
    private JdbcDataSource dataSource;
    private Connection keepAlive;

    @BeforeEach
    void createUsers() throws SQLException {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:contacts-" + UUID.randomUUID());
        keepAlive = dataSource.getConnection();
        try (Statement sql = keepAlive.createStatement()) {
            sql.execute("CREATE TABLE users (username VARCHAR(64) PRIMARY KEY, email VARCHAR(254),"
                    + " phone VARCHAR(32))");
            sql.execute("INSERT INTO users VALUES ('alice', 'alice@example.com', NULL),"
                    + " ('bob', 'bob@example.com', '+1 555 0100'), ('carol', '   ', '')");
            sql.execute("CREATE SCHEMA app");
            sql.execute("CREATE TABLE app.people (login VARCHAR(64), mail VARCHAR(254))");
            sql.execute("INSERT INTO app.people VALUES ('Dave', 'dave@example.com')");
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        keepAlive.close();
    }

    @Test
    void contactsWhenBothColumnsThenBothValues() {
        JdbcContactResolver resolver = new JdbcContactResolver(dataSource, "users", "username", "email", "phone");

        assertEquals(new Contacts("bob@example.com", "+1 555 0100"), resolver.contacts("bob"));
        assertEquals(new Contacts("alice@example.com", null), resolver.contacts("alice"));
    }

    @Test
    void contactsWhenValuesBlankThenNone() {
        JdbcContactResolver resolver = new JdbcContactResolver(dataSource, "users", "username", "email", "phone");

        assertEquals(Contacts.none(), resolver.contacts("carol"));
    }

    @Test
    void contactsWhenUserUnknownThenNone() {
        JdbcContactResolver resolver = new JdbcContactResolver(dataSource, "users", "username", "email", "phone");

        assertEquals(Contacts.none(), resolver.contacts("mallory"));
    }

    @Test
    void contactsWhenUserNameIsSqlThenTreatedAsPlainValue() {
        JdbcContactResolver resolver = new JdbcContactResolver(dataSource, "users", "username", "email", "phone");

        assertEquals(Contacts.none(), resolver.contacts("x' OR '1'='1"));
    }

    @Test
    void contactsWhenOnlyPhoneColumnThenEmailNull() {
        JdbcContactResolver resolver = new JdbcContactResolver(dataSource, "users", "username", null, "phone");

        assertEquals(new Contacts(null, "+1 555 0100"), resolver.contacts("bob"));
    }

    @Test
    void contactsWhenNoColumnsThenNoneWithoutTouchingDatabase() {
        DataSource untouched = mock(DataSource.class);
        JdbcContactResolver resolver = new JdbcContactResolver(untouched, "users", "username", null, null);

        assertEquals(Contacts.none(), resolver.contacts("bob"));
        verifyNoInteractions(untouched);
    }

    @Test
    void contactsWhenSchemaQualifiedTableThenFound() throws SQLException {
        JdbcContactResolver resolver = new JdbcContactResolver(dataSource, "app.people", "login", "mail", null);

        assertEquals("SELECT \"MAIL\", NULL FROM \"APP\".\"PEOPLE\" WHERE \"LOGIN\" = ?", resolver.query(keepAlive));
        assertEquals(new Contacts("dave@example.com", null), resolver.contacts("Dave"));
        assertEquals(Contacts.none(), resolver.contacts("dave"));
    }

    @Test
    void contactsWhenCaseInsensitiveUsersThenMatchesAnyCase() {
        JdbcContactResolver resolver = new JdbcContactResolver(dataSource, "app.people", "login", "mail", null, true);

        assertEquals(new Contacts("dave@example.com", null), resolver.contacts("DAVE"));
    }

    @Test
    void contactsWhenTableMissingThenTwoStepExceptionNamingTableNotUser() {
        JdbcContactResolver resolver = new JdbcContactResolver(dataSource, "accounts", "username", "email", null);

        TwoStepException e = assertThrows(TwoStepException.class, () -> resolver.contacts("alice"));

        assertTrue(e.getMessage().startsWith("Reading contacts from table accounts failed"), e.getMessage());
        assertFalse(e.getMessage().contains("alice"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"users; DROP TABLE users", "\"users\"", "1users", "users--", "a.b.c", ""})
    void constructWhenTableNotPlainNameThenRejected(String table) {
        assertThrows(IllegalArgumentException.class,
                () -> new JdbcContactResolver(dataSource, table, "username", "email", "phone"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"email\"", "e mail", "email,password", "app.email"})
    void constructWhenColumnNotPlainNameThenRejected(String column) {
        assertThrows(IllegalArgumentException.class,
                () -> new JdbcContactResolver(dataSource, "users", "username", column, "phone"));
        assertThrows(IllegalArgumentException.class,
                () -> new JdbcContactResolver(dataSource, "users", column, "email", "phone"));
    }
}
