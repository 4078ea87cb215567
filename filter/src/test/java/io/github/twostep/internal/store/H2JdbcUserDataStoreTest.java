package io.github.twostep.internal.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.TwoStepException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class H2JdbcUserDataStoreTest extends JdbcStoreContract {
    private static final String URL = "jdbc:h2:mem:twostep-store;DB_CLOSE_DELAY=-1";

    @Override
    DataSource dataSource() {
        return JdbcUserDataStore.dataSource(URL, "sa", "");
    }

    @Override
    DataSource secondDataSource() {
        JdbcDataSource other = new JdbcDataSource();
        other.setURL(URL);
        other.setUser("sa");
        return other;
    }

    @Override
    String textType() {
        return "VARCHAR(1000000)";
    }

    @Test
    void lookupWhenNoJndiProviderThenClearError() {
        TwoStepException e = assertThrows(TwoStepException.class,
                () -> JdbcUserDataStore.lookup("java:comp/env/jdbc/users"));
        assertTrue(e.getMessage().contains("java:comp/env/jdbc/users"));
    }

    @Test
    void toStringWhenDataSourceHasPasswordThenHidden() {
        DataSource source = JdbcUserDataStore.dataSource(URL, "sa", "s3cret-pass");
        assertTrue(!source.toString().contains("s3cret-pass"));
    }
}
