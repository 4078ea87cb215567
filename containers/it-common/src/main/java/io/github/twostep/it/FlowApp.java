package io.github.twostep.it;

import io.github.twostep.TwoStep;
import io.github.twostep.config.Settings;
import io.github.twostep.config.SettingsLoader;
import io.github.twostep.internal.store.JdbcUserDataStore;
import io.github.twostep.login.PasswordHashes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The application every container serves: an H2 users table with alice (password
 * {@code alice-password}), TwoStep with built-in login on it, and a servlet answering
 * {@code app:<uri>:<remote user>}.
 */
public final class FlowApp {
    static final String USER = "alice";
    static final String PASSWORD = "alice-password";
    private static final String KEY = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String SETTINGS = """
            {"login": {"mode": "builtin"},
             "trustThisDevice": 30,
             "exempt": {"paths": ["/", "/static/*"]},
             "store": {"type": "jdbc", "jdbc": {"url": "jdbc:h2:mem:unused"}, "key": "${env:KEY}"}}
            """;

    private FlowApp() {
    }

    /** A TwoStep on a fresh in-memory users database, real clock. */
    static TwoStep twoStep() throws SQLException {
        DataSource db = JdbcUserDataStore.dataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        createUsers(db);
        Settings settings = new SettingsLoader(name -> name.equals("KEY") ? KEY : null)
                .load(new ByteArrayInputStream(SETTINGS.getBytes(StandardCharsets.UTF_8)), "container-it.json");
        return TwoStep.builder(settings).dataSource(db).build();
    }

    private static void createUsers(DataSource db) throws SQLException {
        try (Connection c = db.getConnection()) {
            try (Statement create = c.createStatement()) {
                create.execute("CREATE TABLE users (username VARCHAR(256) PRIMARY KEY, password_hash VARCHAR(200), "
                        + "roles VARCHAR(200), email VARCHAR(200), phone VARCHAR(50), comment VARCHAR(100000))");
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO users (username, password_hash, roles, email) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, USER);
                insert.setString(2, PasswordHashes.bcrypt(PASSWORD.toCharArray(), 4));
                insert.setString(3, "");
                insert.setString(4, USER + "@example.com");
                insert.executeUpdate();
            }
        }
    }

    /** The application behind the filter: every page answers {@code app:<request URI>:<remote user>}. */
    public static final class AppServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("app:" + request.getRequestURI() + ":" + request.getRemoteUser());
        }
    }
}
