package io.github.twostep.internal.core;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

class PostgresJdbcAuditSinkIT extends JdbcAuditSinkContract {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection c = database().getConnection()) {
            c.createStatement().execute("DROP TABLE IF EXISTS twostep_audit");
        }
    }

    @Override
    DataSource database() {
        return postgres.getPostgresDatabase();
    }
}
