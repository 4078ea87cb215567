package io.github.twostep.delivery;

import io.github.twostep.TwoStepException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Reads a user's email address and phone number from columns of the application's users table.
 * Table and column names come from the settings, never from a request: each is checked to be a
 * plain SQL name ({@code [A-Za-z_][A-Za-z0-9_]*}, the table optionally as {@code schema.table})
 * and written quoted, so it is matched exactly as written (case included). The user name is a
 * bound parameter. Thread-safe: each lookup borrows its own connection.
 */
public final class JdbcContactResolver implements ContactResolver {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final DataSource dataSource;
    private final String table;
    private final String query;
    private final boolean readsEmail;
    private final boolean readsPhone;

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
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = Objects.requireNonNull(table, "table");
        Objects.requireNonNull(userColumn, "userColumn");
        this.readsEmail = emailColumn != null;
        this.readsPhone = phoneColumn != null;
        List<String> selected = new ArrayList<>();
        selected.add(readsEmail ? quote(emailColumn, "emailColumn") : "NULL");
        selected.add(readsPhone ? quote(phoneColumn, "phoneColumn") : "NULL");
        String user = quote(userColumn, "userColumn");
        String match = caseInsensitiveUsers ? "LOWER(" + user + ") = LOWER(?)" : user + " = ?";
        this.query = "SELECT " + String.join(", ", selected) + " FROM " + quoteTable(table) + " WHERE " + match;
    }

    /** @throws TwoStepException when the database cannot be read; the message names the table, not the user */
    @Override
    public Contacts contacts(String username) {
        Objects.requireNonNull(username, "username");
        if (!readsEmail && !readsPhone) {
            return Contacts.none();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, username);
            statement.setMaxRows(1);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? new Contacts(rows.getString(1), rows.getString(2)) : Contacts.none();
            }
        } catch (SQLException e) {
            throw new TwoStepException("Reading contacts from table " + table + " failed (SQLState "
                    + e.getSQLState() + ")", e);
        }
    }

    /** The SELECT statement this resolver runs, for tests and diagnostics. */
    String query() {
        return query;
    }

    private static String quoteTable(String table) {
        int dot = table.indexOf('.');
        if (dot < 0) {
            return quote(table, "table");
        }
        return quote(table.substring(0, dot), "table") + "." + quote(table.substring(dot + 1), "table");
    }

    private static String quote(String name, String what) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be a plain SQL name ([A-Za-z_][A-Za-z0-9_]*)");
        }
        return '"' + name + '"';
    }
}
