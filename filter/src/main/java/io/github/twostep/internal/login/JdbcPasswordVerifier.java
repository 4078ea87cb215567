package io.github.twostep.internal.login;

import io.github.twostep.TwoStepException;
import io.github.twostep.internal.store.JdbcUserDataStore;
import io.github.twostep.internal.store.LazySql;
import io.github.twostep.internal.store.SqlNames;
import io.github.twostep.login.AuthenticatedUser;
import io.github.twostep.login.PasswordHashes;
import io.github.twostep.login.PasswordVerifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Checks passwords against the application's users table: one row per user, a column of
 * bcrypt or Argon2id hashes and, optionally, a column of comma-separated roles. Unknown users
 * cost a dummy hash check, so they cannot be told from wrong passwords by timing.
 */
public final class JdbcPasswordVerifier implements PasswordVerifier {
    private final DataSource dataSource;
    private final String table;
    private final String userColumn;
    private final String passwordColumn;
    private final String rolesColumn;
    private final int timeoutSeconds;
    private final LazySql<String> query = new LazySql<>(this::buildQuery);
    /** The last stored hash read, whose scheme and cost an unknown user's dummy check copies. */
    private volatile String lastHash;

    /**
     * @param rolesColumn null when the table has no roles
     * @throws IllegalArgumentException if a name is not a plain SQL identifier
     */
    public JdbcPasswordVerifier(DataSource dataSource, String table, String userColumn, String passwordColumn,
            String rolesColumn) {
        this(dataSource, table, userColumn, passwordColumn, rolesColumn, JdbcUserDataStore.DEFAULT_TIMEOUT_SECONDS);
    }

    /** As above; every query gives up after {@code timeoutSeconds} ({@code store.timeoutSeconds}). */
    public JdbcPasswordVerifier(DataSource dataSource, String table, String userColumn, String passwordColumn,
            String rolesColumn, int timeoutSeconds) {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("timeoutSeconds must be at least 1");
        }
        this.timeoutSeconds = timeoutSeconds;
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = SqlNames.checkTable(table, "table");
        this.userColumn = SqlNames.checkColumn(userColumn, "userColumn");
        this.passwordColumn = SqlNames.checkColumn(passwordColumn, "passwordColumn");
        this.rolesColumn = rolesColumn == null ? null : SqlNames.checkColumn(rolesColumn, "rolesColumn");
    }

    @Override
    public Optional<AuthenticatedUser> verify(String username, char[] password) {
        Optional<Row> row = password == null ? Optional.empty() : row(username);
        if (row.isEmpty()) {
            PasswordHashes.matchesDummy(password, lastHash);
            return Optional.empty();
        }
        lastHash = row.get().hash();
        return PasswordHashes.matches(row.get().hash(), password) ? Optional.of(row.get().user()) : Optional.empty();
    }

    @Override
    public Optional<AuthenticatedUser> find(String username) {
        return row(username).map(Row::user);
    }

    /** A user's row: the user as stored, with roles, and their password hash. */
    private record Row(AuthenticatedUser user, String hash) {
        @Override
        public String toString() {
            return "Row[" + user + "]";
        }
    }

    private Optional<Row> row(String username) {
        if (username == null || username.isEmpty() || username.length() > 256) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(query(connection))) {
            select.setString(1, username);
            select.setQueryTimeout(timeoutSeconds);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                AuthenticatedUser user = new AuthenticatedUser(row.getString(1),
                        parseRoles(rolesColumn == null ? null : row.getString(3)));
                return Optional.of(new Row(user, row.getString(2)));
            }
        } catch (SQLException e) {
            throw new TwoStepException("cannot read the users table " + table + " (SQL state " + e.getSQLState() + ")",
                    e);
        }
    }

    static Set<String> parseRoles(String roles) {
        if (roles == null || roles.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(roles.split(",")).map(String::strip).filter(r -> !r.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private String query(Connection connection) throws SQLException {
        return query.get(connection);
    }

    private String buildQuery(Connection connection) throws SQLException {
        SqlNames names = SqlNames.of(connection.getMetaData());
        return "SELECT " + names.column(userColumn) + ", " + names.column(passwordColumn)
                + (rolesColumn == null ? "" : ", " + names.column(rolesColumn))
                + " FROM " + names.table(table) + " WHERE " + names.column(userColumn) + " = ?";
    }

    @Override
    public String toString() {
        return "JdbcPasswordVerifier[table=" + table + ", userColumn=" + userColumn + "]";
    }
}
