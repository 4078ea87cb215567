package io.github.twostep.internal.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract on a real PostgreSQL started by the test (no Docker). The two "nodes" use
 * separate DataSources: the driver's own and {@link JdbcUserDataStore#dataSource}.
 */
class PostgresJdbcUserDataStoreIT extends JdbcStoreContract {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Override
    DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    @Override
    DataSource secondDataSource() {
        return JdbcUserDataStore.dataSource(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    @Override
    String textType() {
        return "TEXT";
    }
}
