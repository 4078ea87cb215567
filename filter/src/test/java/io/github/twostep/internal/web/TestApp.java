package io.github.twostep.internal.web;

import io.github.twostep.TwoStep;
import io.github.twostep.config.Settings;
import io.github.twostep.config.SettingsLoader;
import io.github.twostep.internal.store.JdbcUserDataStore;
import io.github.twostep.login.PasswordHashes;
import io.github.twostep.testing.SettableClock;
import io.github.twostep.web.TwoStepFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A small application behind TwoStep on Jetty 12, port 0: an H2 users table with demo users,
 * a public home page, a protected page that echoes the user, and the filter registered in code
 * with a settable clock.
 */
final class TestApp implements AutoCloseable {
    static final String KEY = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);

    final SettableClock clock = new SettableClock(Instant.parse("2026-05-01T09:00:00Z"));
    final DataSource db;
    final TwoStep twoStep;
    private final Server server;

    TestApp(String settingsJson) throws Exception {
        this(settingsJson, builder -> builder);
    }

    /** As above, with the TwoStep builder adjusted by {@code customize} (e.g. a store that fails). */
    TestApp(String settingsJson, UnaryOperator<TwoStep.Builder> customize) throws Exception {
        this(settingsJson, JdbcUserDataStore.dataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", ""), customize);
    }

    /** As above on {@code database} (e.g. an embedded PostgreSQL), where the users table is created. */
    TestApp(String settingsJson, DataSource database, UnaryOperator<TwoStep.Builder> customize) throws Exception {
        this.db = database;
        createUsers(db);
        Settings settings = new SettingsLoader(name -> name.equals("KEY") ? KEY : null)
                .load(new ByteArrayInputStream(settingsJson.getBytes(StandardCharsets.UTF_8)), "it.json");
        this.twoStep = customize.apply(TwoStep.builder(settings).dataSource(db).clock(clock)).build();
        this.server = new Server(0);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new TwoStepFilter(twoStep)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new AppServlet()), "/");
        server.setHandler(context);
        server.start();
    }

    /** The settings every filter test starts from: built-in login on the H2 users table. */
    static String settings(String extra) {
        return """
                {"login": {"mode": "builtin"},
                 "exempt": {"roles": ["api"], "paths": ["/", "/static/*"]},
                 "store": {"type": "jdbc", "jdbc": {"url": "jdbc:h2:mem:unused"}, "key": "${env:KEY}"}%s}
                """.formatted(extra.isEmpty() ? "" : ", " + extra);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + path);
    }

    private static void createUsers(DataSource db) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.createStatement().execute("CREATE TABLE users (username VARCHAR(256) PRIMARY KEY, "
                    + "password_hash VARCHAR(200), roles VARCHAR(200), email VARCHAR(200), phone VARCHAR(50), "
                    + "comment VARCHAR(100000))");
            for (String[] u : new String[][] {{"alice", ""}, {"bob", ""}, {"carol", "api"}, {"admin", "admin"}}) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO users (username, password_hash, roles, email) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, u[0]);
                    insert.setString(2, PasswordHashes.bcrypt((u[0] + "-password").toCharArray(), 4));
                    insert.setString(3, u[1]);
                    insert.setString(4, u[0] + "@example.com");
                    insert.executeUpdate();
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
        twoStep.close();
    }

    /** The application: "/" is public, every other page answers "app:<path>:<user>". */
    static final class AppServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("app:" + request.getRequestURI() + ":" + request.getRemoteUser()
                    + ":admin=" + request.isUserInRole("admin"));
        }
    }
}
