package io.github.twostep.internal.delivery;

import io.github.twostep.TwoStepException;
import io.github.twostep.delivery.ContactResolver;
import io.github.twostep.delivery.Contacts;
import io.github.twostep.internal.store.JdbcUserDataStore;
import io.github.twostep.internal.store.LazySql;
import io.github.twostep.internal.store.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Reads a user's email address and phone number from columns of the application's users table.
 * Table and column names come from the settings, never from a request: each is checked to be a
 * plain SQL name ({@code [A-Za-z_][A-Za-z0-9_]*}, the table optionally as {@code schema.table})
 * and written quoted, so it is matched exactly as written (case included). The user name is a
 * bound parameter. Thread-safe: each lookup borrows its own connection.
 */
public final class JdbcContactResolver implements ContactResolver {
    private final DataSource dataSource;
    private final String table;
    private final String userColumn;
    private final String emailColumn;
    private final String phoneColumn;
    private final boolean caseInsensitive;
    private final int timeoutSeconds;
    private final LazySql<String> query = new LazySql<>(this::buildQuery);

    /**
     * @param table       the users table, such as {@code users} or {@code app.users}
     * @param userColumn  column holding the user name
     * @param emailColumn column holding the email address; null: no such column
     * @param phoneColumn column holding the phone number; null: no such column
     */
    public JdbcContactResolver(DataSource dataSource, String table, String userColumn, String emailColumn,
                               String phoneColumn) {
        this(dataSource, table, userColumn, emailColumn, phoneColumn, false);
    }

    /** As above; {@code caseInsensitiveUsers} matches user names ignoring case (settings {@code store.jdbc}). */
    public JdbcContactResolver(DataSource dataSource, String table, String userColumn, String emailColumn,
                               String phoneColumn, boolean caseInsensitiveUsers) {
        this(dataSource, table, userColumn, emailColumn, phoneColumn, caseInsensitiveUsers,
                JdbcUserDataStore.DEFAULT_TIMEOUT_SECONDS);
    }

    /** As above; every query gives up after {@code timeoutSeconds} ({@code store.timeoutSeconds}). */
    public JdbcContactResolver(DataSource dataSource, String table, String userColumn, String emailColumn,
                               String phoneColumn, boolean caseInsensitiveUsers, int timeoutSeconds) {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("timeoutSeconds must be at least 1");
        }
        this.timeoutSeconds = timeoutSeconds;
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = SqlNames.checkTable(table, "table");
        this.userColumn = SqlNames.checkColumn(userColumn, "userColumn");
        this.emailColumn = emailColumn == null ? null : SqlNames.checkColumn(emailColumn, "emailColumn");
        this.phoneColumn = phoneColumn == null ? null : SqlNames.checkColumn(phoneColumn, "phoneColumn");
        this.caseInsensitive = caseInsensitiveUsers;
    }

    /** @throws TwoStepException when the database cannot be read; the message names the table, not the user */
    @Override
    public Contacts contacts(String username) {
        Objects.requireNonNull(username, "username");
        if (emailColumn == null && phoneColumn == null) {
            return Contacts.none();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(query(connection))) {
            statement.setString(1, username);
            statement.setQueryTimeout(timeoutSeconds);
            statement.setMaxRows(1);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? new Contacts(rows.getString(1), rows.getString(2)) : Contacts.none();
            }
        } catch (SQLException e) {
            throw new TwoStepException("Reading contacts from table " + table + " failed (SQLState "
                    + e.getSQLState() + ")", e);
        }
    }

    /** The SELECT statement this resolver runs on {@code connection}'s database. */
    String query(Connection connection) throws SQLException {
        return query.get(connection);
    }

    private String buildQuery(Connection connection) throws SQLException {
        SqlNames names = SqlNames.of(connection.getMetaData());
        String user = names.column(userColumn);
        return "SELECT " + (emailColumn == null ? "NULL" : names.column(emailColumn)) + ", "
                + (phoneColumn == null ? "NULL" : names.column(phoneColumn)) + " FROM " + names.table(table)
                + " WHERE " + (caseInsensitive ? "LOWER(" + user + ") = LOWER(?)" : user + " = ?");
    }
}
