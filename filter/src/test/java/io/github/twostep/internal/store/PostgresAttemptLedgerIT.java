package io.github.twostep.internal.store;

import io.github.twostep.store.AttemptLedger;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The ledger contract on a real PostgreSQL; the two "nodes" use separate DataSources. */
class PostgresAttemptLedgerIT extends AttemptLedgerContract {
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
    AttemptLedger ledger() {
        H2AttemptLedgerTest.dropTable(postgres.getPostgresDatabase());
        return new JdbcAttemptLedger(postgres.getPostgresDatabase(), "twostep_attempts", 5, clock);
    }

    @Override
    AttemptLedger sameStorage(AttemptLedger first) {
        return new JdbcAttemptLedger(JdbcUserDataStore.dataSource(postgres.getJdbcUrl("postgres", "postgres"),
                "postgres", "postgres"), "twostep_attempts", 5, clock);
    }
}
