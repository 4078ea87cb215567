package io.github.twostep.internal.core;

import io.github.twostep.internal.store.JdbcUserDataStore;
import java.util.UUID;
import javax.sql.DataSource;

class H2JdbcAuditSinkTest extends JdbcAuditSinkContract {
    private final DataSource db = JdbcUserDataStore.dataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            "sa", "");

    @Override
    DataSource database() {
        return db;
    }
}
