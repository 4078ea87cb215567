package io.github.twostep.internal.store;

import io.github.twostep.TwoStepException;
import io.github.twostep.store.UserDataStore;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The comment column of an existing users table. Table and column names are checked against
 * {@code [A-Za-z_][A-Za-z0-9_]*} (the table may be {@code schema.table}) and quoted after
 * folding them as the database folds unquoted names, so they mean what they would mean in plain
 * SQL; no username ever becomes SQL text. A missing row is an unknown user.
 *
 * <p>Compare-and-set is one statement, {@code UPDATE t SET c = ? WHERE u = ? AND c = ?}, or
 * {@code ... AND (c IS NULL OR c = '')} when the comment was empty (two statements, because
 * PostgreSQL cannot type an untyped {@code ? IS NULL}); the database's row lock makes it atomic
 * across nodes. It runs in a transaction that is rolled back if more than one row matched.
 * With case-insensitive lookup the user is found by {@code LOWER(u) = LOWER(?)}, and a name
 * matching two rows is an error. Use a character column (VARCHAR/TEXT), not a CLOB.
 *
 * <p>Every statement carries a query timeout ({@code store.timeoutSeconds}), so a database that
 * stops answering (down, or a lock held elsewhere) makes a call fail in bounded time instead of
 * hanging the request.
 */
public final class JdbcUserDataStore implements UserDataStore {
    /** SQL states of a write that lost to another transaction: retry from a fresh read. */
    private static final Set<String> LOST_RACE = Set.of("40001", "40P01", "90131");

    private final DataSource dataSource;
    private final String table;
    private final String userColumn;
    private final String commentColumn;
    private final boolean caseInsensitive;
    private final int timeoutSeconds;
    private volatile Integer columnSize;
    private final LazySql<Statements> statements = new LazySql<>(c -> prepare(c.getMetaData()));

    private record Statements(String select, String update, String updateEmpty, int maxLength) {
    }

    /** The default query timeout, that of {@code store.timeoutSeconds}. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 5;

    /**
     * As {@link #JdbcUserDataStore(DataSource, String, String, String, boolean, int)} with
     * {@value #DEFAULT_TIMEOUT_SECONDS} seconds.
     */
    public JdbcUserDataStore(DataSource dataSource, String table, String userColumn, String commentColumn,
            boolean caseInsensitiveUsers) {
        this(dataSource, table, userColumn, commentColumn, caseInsensitiveUsers, DEFAULT_TIMEOUT_SECONDS);
    }

    /**
     * @param table table name, optionally {@code schema.table}
     * @param caseInsensitiveUsers find users by {@code LOWER(user) = LOWER(?)}
     * @param timeoutSeconds query timeout of every statement, at least 1
     * @throws IllegalArgumentException if a name is not a plain SQL identifier or the timeout is below 1
     */
    public JdbcUserDataStore(DataSource dataSource, String table, String userColumn, String commentColumn,
            boolean caseInsensitiveUsers, int timeoutSeconds) {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("timeoutSeconds must be at least 1");
        }
        this.timeoutSeconds = timeoutSeconds;
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = SqlNames.checkTable(table, "table");
        this.userColumn = SqlNames.checkColumn(userColumn, "userColumn");
        this.commentColumn = SqlNames.checkColumn(commentColumn, "commentColumn");
        this.caseInsensitive = caseInsensitiveUsers;
    }

    /** A DataSource opening one connection per call through {@link java.sql.DriverManager} (no pool). */
    public static DataSource dataSource(String jdbcUrl, String username, String password) {
        return new DriverManagerDataSource(jdbcUrl, username, password);
    }

    /**
     * The DataSource bound in JNDI under {@code name}, e.g. {@code java:comp/env/jdbc/users}.
     *
     * @throws TwoStepException if nothing, or not a DataSource, is bound there
     */
    public static DataSource lookup(String name) {
        Objects.requireNonNull(name, "name");
        try {
            Object found = new InitialContext().lookup(name);
            if (found instanceof DataSource source) {
                return source;
            }
            throw new TwoStepException("JNDI name " + name + " is bound to "
                    + (found == null ? "nothing" : found.getClass().getName()) + ", not a DataSource");
        } catch (NamingException e) {
            throw new TwoStepException("cannot look up DataSource " + name + " in JNDI", e);
        }
    }

    @Override
    public Optional<String> read(String username) {
        Usernames.requireValid(username);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(statements(connection).select())) {
            select.setQueryTimeout(timeoutSeconds);
            select.setString(1, username);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                String comment = rows.getString(1);
                if (rows.next()) {
                    throw new TwoStepException("user '" + username + "' matches more than one row of " + table);
                }
                return Optional.of(comment == null ? "" : comment);
            }
        } catch (SQLException e) {
            throw failure("read", username, e);
        }
    }

    @Override
    public boolean compareAndSet(String username, String expected, String replacement) {
        Usernames.requireValid(username);
        Objects.requireNonNull(replacement, "replacement");
        boolean wasEmpty = expected == null || expected.isEmpty();
        try (Connection connection = dataSource.getConnection()) {
            Statements sql = statements(connection);
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement(wasEmpty ? sql.updateEmpty() : sql.update())) {
                update.setQueryTimeout(timeoutSeconds);
                update.setString(1, replacement);
                update.setString(2, username);
                if (!wasEmpty) {
                    update.setString(3, expected);
                }
                int rows = update.executeUpdate();
                if (rows > 1) {
                    connection.rollback();
                    throw new TwoStepException("user '" + username + "' matches more than one row of " + table);
                }
                connection.commit();
                return rows == 1;
            } catch (SQLException e) {
                connection.rollback();
                if (LOST_RACE.contains(e.getSQLState())) {
                    return false;
                }
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure("write", username, e);
        }
    }

    /**
     * The comment column's size as the database reports it (VARCHAR(4000): 4000); none for a
     * column without a useful limit (TEXT, a CLOB) or when the database cannot be asked now.
     */
    @Override
    public OptionalInt maxCommentLength() {
        Integer max = columnSize;
        if (max == null) {
            try (Connection connection = dataSource.getConnection()) {
                max = statements(connection).maxLength();
                columnSize = max;
            } catch (SQLException e) {
                return OptionalInt.empty();
            }
        }
        return max > 0 && max < Integer.MAX_VALUE ? OptionalInt.of(max) : OptionalInt.empty();
    }

    private Statements statements(Connection connection) throws SQLException {
        return statements.get(connection);
    }

    private Statements prepare(DatabaseMetaData meta) throws SQLException {
        SqlNames names = SqlNames.of(meta);
        String t = names.table(table);
        String u = names.column(userColumn);
        String c = names.column(commentColumn);
        String match = caseInsensitive ? "LOWER(" + u + ") = LOWER(?)" : u + " = ?";
        int maxLength;
        try (Statement probe = meta.getConnection().createStatement();
                ResultSet none = probe.executeQuery("SELECT " + c + " FROM " + t + " WHERE 1 = 0")) {
            maxLength = none.getMetaData().getPrecision(1);
        }
        return new Statements("SELECT " + c + " FROM " + t + " WHERE " + match,
                "UPDATE " + t + " SET " + c + " = ? WHERE " + match + " AND " + c + " = ?",
                "UPDATE " + t + " SET " + c + " = ? WHERE " + match + " AND (" + c + " IS NULL OR " + c + " = '')", maxLength);
    }

    private TwoStepException failure(String action, String username, SQLException e) {
        return new TwoStepException("cannot " + action + " user data of user '" + username + "' in table " + table
                + " (SQL state " + e.getSQLState() + ")", e);
    }

    @Override
    public String toString() {
        return "JdbcUserDataStore[table=" + table + ", userColumn=" + userColumn + ", commentColumn=" + commentColumn
                + ", caseInsensitive=" + caseInsensitive + ", timeoutSeconds=" + timeoutSeconds + "]";
    }
}
