package io.github.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.internal.store.JdbcUserDataStore;
import io.github.twostep.login.PasswordHashes;
import io.github.twostep.web.TwoStepFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unchanged WAR whose own filter answers {@code /api/*} by itself, with TwoStep added by the
 * container's configuration alone (settings named by the context parameter
 * {@code twostep.settings}): once put first, once last. First, TwoStep guards every path; last,
 * whatever the application filter answers is served to anyone, and TwoStep guards only what
 * reaches the servlets.
 */
public abstract class FilterOrderContract {
    /** The WAR's own web.xml: its answering filter and its servlet. */
    public static final String WAR_FILTERS = """
              <filter>
                <filter-name>api</filter-name>
                <filter-class>io.github.twostep.it.FilterOrderContract$AnsweringFilter</filter-class>
              </filter>
              <filter-mapping>
                <filter-name>api</filter-name>
                <url-pattern>/api/*</url-pattern>
              </filter-mapping>
            """;
    public static final String WAR_SERVLET = """
              <servlet>
                <servlet-name>app</servlet-name>
                <servlet-class>io.github.twostep.it.FlowApp$AppServlet</servlet-class>
              </servlet>
              <servlet-mapping>
                <servlet-name>app</servlet-name>
                <url-pattern>/</url-pattern>
              </servlet-mapping>
            """;
    /** TwoStep's declaration as INTEGRATION.md shows it, without the settings init-param. */
    public static final String TWOSTEP_FILTER = """
              <filter>
                <filter-name>twostep</filter-name>
                <filter-class>%s</filter-class>
                <async-supported>true</async-supported>
              </filter>
              <filter-mapping>
                <filter-name>twostep</filter-name>
                <url-pattern>/*</url-pattern>
              </filter-mapping>
            """.formatted(TwoStepFilter.class.getName());

    @TempDir
    protected Path dir;
    private AutoCloseable container;

    /**
     * Deploys the WAR directory {@code war} (its {@code WEB-INF/web.xml} is {@link #webXml} of
     * the WAR's filters and servlet) with TwoStep added the container's way, before or after the
     * WAR's filters, and the context parameter {@code twostep.settings} set to {@code settings};
     * answers the server, which the test closes, and sets {@link #port}.
     */
    protected abstract AutoCloseable deploy(Path war, boolean twoStepFirst, Path settings) throws Exception;

    protected int port;

    @AfterEach
    void stop() throws Exception {
        if (container != null) {
            container.close();
        }
    }

    @Test
    void twoStepFirstWhenAppFilterAnswersByItselfThenAnonymousStillSentToLogin() throws Exception {
        container = deploy(war(), true, settings());

        assertEquals("/login", redirect(new Visitor(port).get("/api/data")));
        assertEquals("/login", redirect(new Visitor(port).get("/page")));
    }

    @Test
    void twoStepLastWhenAppFilterAnswersByItselfThenThatAnswerReachesAnyone() throws Exception {
        container = deploy(war(), false, settings());

        HttpResponse<String> answered = new Visitor(port).get("/api/data");
        assertEquals(200, answered.statusCode(), answered.body());
        assertEquals("filter:/api/data", answered.body(), "TwoStep last never sees what the app filter answers");
        assertEquals("/login", redirect(new Visitor(port).get("/page")), "what reaches the servlet is still guarded");
    }

    /** A web.xml body with the given elements inside {@code <web-app>}. */
    public static String webXml(String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                         version="6.0" metadata-complete="true">
                %s
                </web-app>
                """.formatted(body);
    }

    private Path war() throws IOException {
        Path war = Files.createDirectories(dir.resolve("shop/WEB-INF")).getParent();
        Files.writeString(war.resolve("WEB-INF/web.xml"), webXml(WAR_FILTERS + WAR_SERVLET));
        return war;
    }

    /** A settings file with built-in login on a fresh users database, outside the WAR. */
    private Path settings() throws IOException, SQLException {
        String url = "jdbc:h2:mem:order-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection c = JdbcUserDataStore.dataSource(url, "sa", "").getConnection();
                Statement create = c.createStatement()) {
            create.execute("CREATE TABLE users (username VARCHAR(256) PRIMARY KEY, password_hash VARCHAR(200), "
                    + "roles VARCHAR(200), email VARCHAR(200), phone VARCHAR(50), comment VARCHAR(100000))");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO users VALUES (?, ?, '', ?, NULL, NULL)")) {
                insert.setString(1, FlowApp.USER);
                insert.setString(2, PasswordHashes.bcrypt(FlowApp.PASSWORD.toCharArray(), 4));
                insert.setString(3, "alice@example.com");
                insert.executeUpdate();
            }
        }
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("key.txt"), "k1:" + Base64.getEncoder().encodeToString(new byte[32]));
        return Files.writeString(conf.resolve("shop.json"), """
                {"login": {"mode": "builtin"},
                 "store": {"type": "jdbc", "jdbc": {"url": "%s"}, "key": "${file:key.txt}"}}
                """.formatted(url));
    }

    private static String redirect(HttpResponse<String> answer) {
        assertEquals(302, answer.statusCode(), answer.body());
        String location = answer.headers().firstValue("Location").orElse("");
        assertTrue(location.startsWith("/") || location.startsWith("http"), location);
        return location.replaceFirst("^https?://[^/]+", "");
    }

    /** The WAR's own filter: answers every request under {@code /api/} itself. */
    public static final class AnsweringFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException {
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("filter:" + ((HttpServletRequest) request).getRequestURI());
        }
    }
}
