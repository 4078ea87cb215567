package io.github.twostep.internal.store;

import io.github.twostep.TwoStepException;
import io.github.twostep.store.AttemptLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * {@link AttemptLedger} as rows of a table in the users database, created when missing
 * ({@code name_hash} primary key, {@code entry}, {@code expires_at} in epoch seconds). A new
 * entry is one {@code INSERT} (the primary key lets only one node win), a change one
 * {@code UPDATE ... WHERE entry = ?}, so every node on the database counts together. Expired
 * rows are deleted at most every {@link #CLEANUP_EVERY} by the node that writes next.
 */
public final class JdbcAttemptLedger implements AttemptLedger {
    static final Duration CLEANUP_EVERY = Duration.ofMinutes(10);

    private record Sql(String select, String insert, String update, String delete) {
    }

    private final DataSource dataSource;
    private final String table;
    private final int timeoutSeconds;
    private final Clock clock;
    private final LazySql<Sql> sql = new LazySql<>(this::buildSql);
    private final AtomicReference<Instant> lastCleanup = new AtomicReference<>(Instant.MIN);

    public JdbcAttemptLedger(DataSource dataSource, String table, int timeoutSeconds, Clock clock) {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("timeoutSeconds must be at least 1");
        }
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = SqlNames.checkTable(table, "table");
        this.timeoutSeconds = timeoutSeconds;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<String> read(String key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql.get(connection).select())) {
            select.setQueryTimeout(timeoutSeconds);
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public boolean compareAndSet(String key, String expected, String replacement, Instant expires) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(replacement, "replacement");
        if (key.length() > MAX_KEY_LENGTH || replacement.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("a ledger key or value is too long");
        }
        try (Connection connection = dataSource.getConnection()) {
            Sql statements = sql.get(connection);
            cleanUp(connection, statements);
            if (expected == null) {
                try (PreparedStatement insert = connection.prepareStatement(statements.insert())) {
                    insert.setQueryTimeout(timeoutSeconds);
                    insert.setString(1, key);
                    insert.setString(2, replacement);
                    insert.setLong(3, expires.getEpochSecond());
                    return insert.executeUpdate() == 1;
                } catch (SQLException e) {
                    if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                        return false; // another node inserted first
                    }
                    throw e;
                }
            }
            try (PreparedStatement update = connection.prepareStatement(statements.update())) {
                update.setQueryTimeout(timeoutSeconds);
                update.setString(1, replacement);
                update.setLong(2, expires.getEpochSecond());
                update.setString(3, key);
                update.setString(4, expected);
                return update.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    private void cleanUp(Connection connection, Sql statements) throws SQLException {
        Instant now = clock.instant();
        Instant last = lastCleanup.get();
        if (now.isBefore(last.plus(CLEANUP_EVERY)) || !lastCleanup.compareAndSet(last, now)) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(statements.delete())) {
            delete.setQueryTimeout(timeoutSeconds);
            delete.setLong(1, now.getEpochSecond());
            delete.executeUpdate();
        }
    }

    private Sql buildSql(Connection connection) throws SQLException {
        String t = SqlNames.of(connection.getMetaData()).table(table);
        String ddl = "CREATE TABLE IF NOT EXISTS " + t + " (name_hash VARCHAR(" + MAX_KEY_LENGTH
                + ") PRIMARY KEY, entry VARCHAR(" + MAX_VALUE_LENGTH + ") NOT NULL, expires_at BIGINT NOT NULL)";
        LazySql.createTable(connection, ddl);
        return new Sql("SELECT entry FROM " + t + " WHERE name_hash = ?",
                "INSERT INTO " + t + " (name_hash, entry, expires_at) VALUES (?, ?, ?)",
                "UPDATE " + t + " SET entry = ?, expires_at = ? WHERE name_hash = ? AND entry = ?",
                "DELETE FROM " + t + " WHERE expires_at < ?");
    }

    private TwoStepException failure(String action, SQLException e) {
        return new TwoStepException("cannot " + action + " the attempt ledger in table " + table + " (SQL state "
                + e.getSQLState() + ")", e);
    }

    @Override
    public String toString() {
        return "JdbcAttemptLedger[table=" + table + "]";
    }
}
