package io.github.twostep.internal.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.TwoStepException;
import io.github.twostep.internal.store.JdbcUserDataStore;
import io.github.twostep.login.AuthenticatedUser;
import io.github.twostep.login.PasswordHashes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcPasswordVerifierTest {
    private static final DataSource DB = JdbcUserDataStore.dataSource("jdbc:h2:mem:passwords;DB_CLOSE_DELAY=-1", "sa", "");
    private final JdbcPasswordVerifier verifier = new JdbcPasswordVerifier(DB, "users", "username", "password_hash",
            "roles");

    @BeforeAll
    static void createUsers() throws SQLException {
        try (Connection c = DB.getConnection()) {
            c.createStatement().execute("CREATE TABLE users (username VARCHAR(256) PRIMARY KEY, "
                    + "password_hash VARCHAR(200), roles VARCHAR(200), comment VARCHAR(8000))");
            insert(c, "alice", PasswordHashes.argon2id("alice-password".toCharArray()), null);
            insert(c, "admin", PasswordHashes.bcrypt("admin-password".toCharArray(), 4), "admin, api ,");
            insert(c, "o'brien", PasswordHashes.bcrypt("quote".toCharArray(), 4), "");
        }
    }

    private static void insert(Connection c, String user, String hash, String roles) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO users (username, password_hash, roles) "
                + "VALUES (?, ?, ?)")) {
            insert.setString(1, user);
            insert.setString(2, hash);
            insert.setString(3, roles);
            insert.executeUpdate();
        }
    }

    @Test
    void verifyWhenPasswordRightThenUserWithRoles() {
        assertEquals(Optional.of(new AuthenticatedUser("admin", Set.of("admin", "api"))),
                verifier.verify("admin", "admin-password".toCharArray()));
        assertEquals(Optional.of(new AuthenticatedUser("alice", Set.of())),
                verifier.verify("alice", "alice-password".toCharArray()));
        assertTrue(verifier.verify("o'brien", "quote".toCharArray()).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob", "ALICE", "alice' OR '1'='1", "", "alice\u0000"})
    void verifyWhenUnknownUserThenSameAnswerAsWrongPassword(String user) {
        assertEquals(Optional.empty(), verifier.verify(user, "alice-password".toCharArray()));
        assertEquals(Optional.empty(), verifier.verify("alice", "wrong".toCharArray()));
    }

    @Test
    void verifyWhenTableMissingThenClearError() {
        JdbcPasswordVerifier broken = new JdbcPasswordVerifier(DB, "no_users", "username", "password_hash", null);

        TwoStepException error = assertThrows(TwoStepException.class, () -> broken.verify("a", "b".toCharArray()));
        assertTrue(error.getMessage().contains("no_users"));
    }

    @Test
    void constructorWhenColumnNotIdentifierThenRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new JdbcPasswordVerifier(DB, "users", "username; DROP TABLE users", "password_hash", null));
    }
}
