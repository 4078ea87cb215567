package io.github.twostep.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.twostep.store.AttemptLedger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class H2AttemptLedgerTest extends AttemptLedgerContract {
    static final String URL = "jdbc:h2:mem:twostep-ledger;DB_CLOSE_DELAY=-1";

    DataSource dataSource() {
        return JdbcUserDataStore.dataSource(URL, "sa", "");
    }

    @Override
    AttemptLedger ledger() {
        dropTable(dataSource());
        return new JdbcAttemptLedger(dataSource(), "twostep_attempts", 5, clock);
    }

    @Override
    AttemptLedger sameStorage(AttemptLedger first) {
        JdbcDataSource other = new JdbcDataSource();
        other.setURL(URL);
        other.setUser("sa");
        return new JdbcAttemptLedger(other, "twostep_attempts", 5, clock);
    }

    @Test
    void compareAndSetWhenApplicationPoolDoesNotAutoCommitThenTheCountIsKept() {
        dropTable(dataSource());
        HikariConfig manualCommit = new HikariConfig();
        manualCommit.setDataSource(dataSource());
        manualCommit.setAutoCommit(false); // as some applications run their pool; it rolls back what is left open
        manualCommit.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(manualCommit)) {
            JdbcAttemptLedger ledger = new JdbcAttemptLedger(pool, "twostep_attempts", 5, clock);
            assertTrue(ledger.compareAndSet("k1", null, "one", later()));
            assertTrue(ledger.compareAndSet("k1", "one", "two", later()));
        }

        assertEquals(Optional.of("two"), new JdbcAttemptLedger(dataSource(), "twostep_attempts", 5, clock).read("k1"));
    }

    static void dropTable(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement drop = connection.createStatement()) {
            drop.execute("DROP TABLE IF EXISTS twostep_attempts");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
