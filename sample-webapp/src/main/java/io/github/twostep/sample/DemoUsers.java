package io.github.twostep.sample;

import io.github.twostep.TwoStepException;
import io.github.twostep.login.PasswordHashes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The sample's users table and its four demo accounts. The table is created on first start;
 * an account is added only when missing, so restarts on the same database change nothing.
 * Passwords are stored as Argon2id hashes. Names are unquoted, so the database folds them the
 * way TwoStep's JDBC parts do.
 */
final class DemoUsers {
    /** One demo account; {@code password} is the demo's well-known password, shown at start. */
    record Account(String username, String password, String roles, String email, String phone) {
    }

    static final List<Account> ACCOUNTS = List.of(
            new Account("alice", "alice-password", "", "alice@example.com", null),
            new Account("bob", "bob-password", "", "bob@example.com", "+1 555 0100"),
            new Account("carol", "carol-password", "api", null, null),
            new Account("admin", "admin-password", "admin", null, null));

    private static final String CREATE = "CREATE TABLE IF NOT EXISTS users (username VARCHAR(256) PRIMARY KEY, "
            + "password_hash VARCHAR(200), roles VARCHAR(200), email VARCHAR(200), phone VARCHAR(50), "
            + "comment VARCHAR(100000))";

    /**
     * SQL states of a table or row another node created at the same moment: PostgreSQL's
     * {@code CREATE TABLE IF NOT EXISTS} is not safe against a concurrent twin.
     */
    private static final Set<String> ALREADY_THERE = Set.of("42P07", "23505");
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource db;

    DemoUsers(DataSource db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Creates the table if needed and adds the demo accounts that are missing; answers how many were added. */
    int install() {
        try (Connection connection = db.getConnection()) {
            try (Statement create = connection.createStatement()) {
                create.execute(CREATE);
            } catch (SQLException e) {
                if (!ALREADY_THERE.contains(e.getSQLState())) {
                    throw e;
                }
            }
            int added = 0;
            for (Account account : ACCOUNTS) {
                if (!exists(connection, account.username()) && insert(connection, account)) {
                    added++;
                }
            }
            return added;
        } catch (SQLException e) {
            throw new TwoStepException("cannot set up the users table: " + e.getMessage(), e);
        }
    }

    /** Whether the users table has a row for {@code username}. */
    boolean exists(String username) {
        try (Connection connection = db.getConnection()) {
            return exists(connection, username);
        } catch (SQLException e) {
            throw new TwoStepException("cannot read the users table: " + e.getMessage(), e);
        }
    }

    /** The email address of {@code username}; empty for an unknown user or one without an address. */
    Optional<String> email(String username) {
        try (Connection connection = db.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT email FROM users WHERE username = ?")) {
            select.setString(1, username);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)).filter(e -> !e.isBlank()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new TwoStepException("cannot read the users table: " + e.getMessage(), e);
        }
    }

    /** Stores an Argon2id hash of {@code password} as the password of {@code username}; false for an unknown user. */
    boolean setPassword(String username, char[] password) {
        try (Connection connection = db.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE users SET password_hash = ? WHERE username = ?")) {
            update.setString(1, PasswordHashes.argon2id(password));
            update.setString(2, username);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new TwoStepException("cannot write the users table: " + e.getMessage(), e);
        }
    }

    /** How many rows the users table has. */
    int count() {
        try (Connection connection = db.getConnection();
                Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT COUNT(*) FROM users")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new TwoStepException("cannot read the users table: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String username) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM users WHERE username = ?")) {
            select.setString(1, username);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Inserts the account; false when another node inserted it first. */
    private static boolean insert(Connection connection, Account account) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO users (username, password_hash, roles, email, phone) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, account.username());
            insert.setString(2, PasswordHashes.argon2id(account.password().toCharArray()));
            insert.setString(3, account.roles());
            insert.setString(4, account.email());
            insert.setString(5, account.phone());
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }
}
