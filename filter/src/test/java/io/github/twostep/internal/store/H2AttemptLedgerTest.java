package io.github.twostep.internal.store;

import io.github.twostep.store.AttemptLedger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

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

    static void dropTable(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement drop = connection.createStatement()) {
            drop.execute("DROP TABLE IF EXISTS twostep_attempts");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
