package io.github.twostep.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * SQL text built once, from the first connection's database (its identifier quoting, see
 * {@link SqlNames}), then reused. Two threads may both build it the first time; building must
 * therefore be repeatable (e.g. {@code CREATE TABLE IF NOT EXISTS}, see {@link #createTable}), and
 * either result is kept.
 * Public only so the JDBC classes of other packages share it.
 *
 * @param <T> the statement text, or a record of several
 */
public final class LazySql<T> {

    /** Builds the SQL for {@code connection}'s database. */
    @FunctionalInterface
    public interface Build<T> {
        T build(Connection connection) throws SQLException;
    }

    private final Build<T> build;
    private volatile T built;

    public LazySql(Build<T> build) {
        this.build = Objects.requireNonNull(build, "build");
    }

    /**
     * Runs {@code ddl}, a {@code CREATE TABLE IF NOT EXISTS}, on a database other nodes may be
     * creating the same table in: PostgreSQL lets all but one of several at once fail (SQL state
     * 23505 on its type catalogue, or 42P07); the table exists then, which running the statement
     * once more confirms. Any other failure is thrown by that second run. {@code connection} must
     * be in auto-commit mode, or the first failure would abort its transaction.
     */
    public static void createTable(Connection connection, String ddl) throws SQLException {
        try (Statement create = connection.createStatement()) {
            create.execute(ddl);
        } catch (SQLException raced) {
            try (Statement again = connection.createStatement()) {
                again.execute(ddl);
            }
        }
    }

    /**
     * The SQL, built with {@code connection} the first time. The connection is switched to
     * auto-commit first: every statement TwoStep runs is a unit of its own (a compare-and-set
     * that needs more opens its own transaction), and an application's pool may hand out
     * connections with auto-commit off and roll back, when one is returned, whatever was left
     * uncommitted — an audit event, a throttle count, a created table.
     */
    public T get(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        T known = built;
        if (known == null) {
            known = Objects.requireNonNull(build.build(connection), "built SQL");
            built = known;
        }
        return known;
    }
}
