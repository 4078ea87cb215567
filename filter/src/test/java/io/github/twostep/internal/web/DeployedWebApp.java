package io.github.twostep.internal.web;

import io.github.twostep.login.PasswordHashes;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A web application directory deployed the way a real one is: Jetty 12 reads its
 * {@code WEB-INF/web.xml} ({@link WebAppContext}, port 0). Classes come from the test class
 * path (parent loader first). A context that fails to start stays deployed, unavailable, so
 * tests can see what the container then serves.
 */
final class DeployedWebApp implements AutoCloseable {
    final Server server = new Server(0);
    final WebAppContext context = new WebAppContext();

    /** Deploys the directory {@code webapp}; {@code customise} runs before start (login service, …). */
    DeployedWebApp(Path webapp, Consumer<WebAppContext> customise) throws Exception {
        context.setContextPath("/");
        context.setWar(webapp.toString());
        context.setParentLoaderPriority(true);
        context.setThrowUnavailableOnStartupException(false);
        customise.accept(context);
        server.setHandler(context);
        server.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + path);
    }

    /** Writes {@code dir/WEB-INF/web.xml} with {@code body} inside {@code <web-app>}; answers {@code dir}. */
    static Path webXml(Path dir, String body) throws IOException {
        Files.createDirectories(dir.resolve("WEB-INF"));
        Files.writeString(dir.resolve("WEB-INF/web.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                         version="6.0" metadata-complete="true">
                %s
                </web-app>
                """.formatted(body));
        return dir;
    }

    /** TwoStep's filter as the drop-in form declares it: async-supported, mapped to every path. */
    static String twoStepFilter(String settingsLocation) {
        String param = settingsLocation == null ? "" : """
                    <init-param>
                      <param-name>settings</param-name>
                      <param-value>%s</param-value>
                    </init-param>
                """.formatted(xml(settingsLocation));
        return """
                  <filter>
                    <filter-name>twostep</filter-name>
                    <filter-class>io.github.twostep.web.TwoStepFilter</filter-class>
                    <async-supported>true</async-supported>
                %s  </filter>
                  <filter-mapping>
                    <filter-name>twostep</filter-name>
                    <url-pattern>/*</url-pattern>
                  </filter-mapping>
                """.formatted(param);
    }

    /** The application's own servlet, {@link EchoServlet}, on every path. */
    static String echoServlet() {
        return """
                  <servlet>
                    <servlet-name>app</servlet-name>
                    <servlet-class>io.github.twostep.internal.web.EchoServlet</servlet-class>
                    <async-supported>true</async-supported>
                  </servlet>
                  <servlet-mapping>
                    <servlet-name>app</servlet-name>
                    <url-pattern>/</url-pattern>
                  </servlet-mapping>
                """;
    }

    /** Writes {@code key.txt} ({@code k1:} and 32 random bytes) next to where the settings go. */
    static void writeKey(Path dir) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(dir.resolve("key.txt"), "k1:" + Base64.getEncoder().encodeToString(key) + "\n");
    }

    /** Creates the users table (bcrypt cost 4) with {@code users}, each password {@code <name>-password}. */
    static void createUsers(String jdbcUrl, String... users) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            c.createStatement().execute("CREATE TABLE users (username VARCHAR(256) PRIMARY KEY, "
                    + "password_hash VARCHAR(200), roles VARCHAR(200), email VARCHAR(200), phone VARCHAR(50), "
                    + "comment VARCHAR(100000))");
            for (String user : users) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO users (username, password_hash, roles, email) VALUES (?, ?, '', ?)")) {
                    insert.setString(1, user);
                    insert.setString(2, PasswordHashes.bcrypt((user + "-password").toCharArray(), 4));
                    insert.setString(3, user + "@example.com");
                    insert.executeUpdate();
                }
            }
        }
    }

    /** The messages of {@code error} and all its causes, one per line. */
    static String messages(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
