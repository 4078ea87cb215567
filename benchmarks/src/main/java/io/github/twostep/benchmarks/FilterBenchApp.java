package io.github.twostep.benchmarks;

import io.github.twostep.TwoStep;
import io.github.twostep.config.Settings;
import io.github.twostep.config.SettingsLoader;
import io.github.twostep.internal.store.JdbcUserDataStore;
import io.github.twostep.login.PasswordHashes;
import io.github.twostep.web.TwoStepFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.EnumSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One tiny application on Jetty 12, loopback, port 0: a servlet answering the same short text
 * on every path, and {@link TwoStepFilter} in front of {@code /with/*} (and of TwoStep's own
 * {@code /2fa/*}) but not of {@code /without/*}. Both halves share the context, its session
 * handler and so the same session: a request to {@code /without/} costs what the application
 * costs without TwoStep, a request to {@code /with/} adds exactly the filter.
 *
 * <p>TwoStep runs with built-in login on an H2 users table, nothing exempt, its store wrapped
 * in a {@link CountingStore} so the benchmark can show how often a verified session reads it.
 */
final class FilterBenchApp implements AutoCloseable {
    static final String USER = "alice";
    static final String PASSWORD = "alice-password";
    static final String BODY = "hello from the application\n";
    /** Names the server's threads, so their CPU time can be told from the load client's. */
    static final String SERVER_THREADS = "bench-server";

    final ShiftableClock clock = new ShiftableClock();
    final CountingStore store;
    private final Server server;

    FilterBenchApp() throws Exception {
        DataSource db = JdbcUserDataStore.dataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "");
        createUsers(db);
        String key = "k1:" + Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
        Settings settings = new SettingsLoader(name -> name.equals("KEY") ? key : null)
                .load(new ByteArrayInputStream(settingsJson().getBytes(StandardCharsets.UTF_8)), "bench.json");
        store = new CountingStore(new JdbcUserDataStore(db, "users", "username", "comment", false));
        TwoStep twoStep = TwoStep.builder(settings).dataSource(db).store(store).clock(clock).build();

        QueuedThreadPool threads = new QueuedThreadPool(64);
        threads.setName(SERVER_THREADS);
        threads.setIdleTimeout(600_000);
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        FilterHolder filter = new FilterHolder(new TwoStepFilter(twoStep));
        for (String mapping : new String[] {"/with/*", "/2fa/*"}) {
            context.addFilter(filter, mapping, EnumSet.of(DispatcherType.REQUEST));
        }
        context.addServlet(new ServletHolder(new AppServlet()), "/");
        server.setHandler(context);
        server.start();
    }

    private static String settingsJson() {
        return """
                {"login": {"mode": "builtin"},
                 "exempt": {"roles": [], "users": [], "paths": []},
                 "store": {"type": "jdbc", "jdbc": {"url": "jdbc:h2:mem:unused"}, "key": "${env:KEY}"}}
                """;
    }

    private static void createUsers(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement ddl = c.createStatement()) {
            ddl.execute("CREATE TABLE users (username VARCHAR(256) PRIMARY KEY, password_hash VARCHAR(200), "
                    + "roles VARCHAR(200), email VARCHAR(200), phone VARCHAR(50), comment VARCHAR(100000))");
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO users (username, password_hash, roles, email) VALUES (?, ?, '', ?)")) {
                insert.setString(1, USER);
                insert.setString(2, PasswordHashes.bcrypt(PASSWORD.toCharArray(), 4));
                insert.setString(3, USER + "@example.com");
                insert.executeUpdate();
            }
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + path);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** The application: the same short text on every path, whoever asks. */
    static final class AppServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write(BODY);
        }
    }
}
