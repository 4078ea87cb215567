package io.github.twostep.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * SQL text built once, from the first connection's database (its identifier quoting, see
 * {@link SqlNames}), then reused. Two threads may both build it the first time; building must
 * therefore be repeatable (e.g. {@code CREATE TABLE IF NOT EXISTS}), and either result is kept.
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

    /** The SQL, built with {@code connection} the first time. */
    public T get(Connection connection) throws SQLException {
        T known = built;
        if (known == null) {
            known = Objects.requireNonNull(build.build(connection), "built SQL");
            built = known;
        }
        return known;
    }
}
