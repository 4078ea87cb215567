package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.Caller;
import io.github.twostep.TwoStep;
import io.github.twostep.audit.AuditEvent;
import io.github.twostep.config.Algorithm;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.core.SetupSecret;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import io.github.twostep.internal.store.JdbcUserDataStore;
import io.github.twostep.login.PasswordHashes;
import io.github.twostep.web.TwoStepFilter;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A settings file changed while the filter runs: a valid one takes effect, an invalid one is refused. */
class SettingsReloadIT {
    @TempDir
    Path dir;

    private String settings(String url, String extra) {
        return """
                {"login": {"mode": "builtin"}, "trustThisDevice": %s,
                 "store": {"type": "jdbc", "jdbc": {"url": "%s"}, "key": "${file:key.txt}"}}
                """.formatted(extra, url);
    }

    @Test
    void settingsFileWhenReplacedThenValidOneAppliesAndInvalidOneIsRefused() throws Exception {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        DataSource db = JdbcUserDataStore.dataSource(url, "", "");
        try (Connection c = db.getConnection()) {
            c.createStatement().execute("CREATE TABLE users (username VARCHAR(256) PRIMARY KEY, "
                    + "password_hash VARCHAR(200), roles VARCHAR(200), email VARCHAR(200), phone VARCHAR(50), "
                    + "comment VARCHAR(100000))");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO users (username, password_hash) VALUES (?, ?)")) {
                insert.setString(1, "alice");
                insert.setString(2, PasswordHashes.bcrypt("alice-password".toCharArray(), 4));
                insert.executeUpdate();
            }
        }
        Files.writeString(dir.resolve("key.txt"), "k1:" + Base64.getEncoder().encodeToString(new byte[32]));
        Path file = dir.resolve("twostep.json");
        Files.writeString(file, settings(url, "180"));
        TwoStepFilter filter = new TwoStepFilter();
        Server server = serve(filter, file);
        try {
            int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            HttpClient client = HttpClient.newHttpClient();
            URI status = URI.create("http://127.0.0.1:" + port + "/2fa/api/status");
            assertEquals(180, Browser.JSON.readTree(client.send(HttpRequest.newBuilder(status).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("trustDeviceDays").asInt());

            Files.writeString(file, settings(url, "7"));
            assertTrue(filter.checkSettingsNow());
            assertEquals(7, Browser.JSON.readTree(client.send(HttpRequest.newBuilder(status).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("trustDeviceDays").asInt());

            Files.writeString(file, settings(url, "\"seven\""));
            assertFalse(filter.checkSettingsNow());
            assertEquals(7, Browser.JSON.readTree(client.send(HttpRequest.newBuilder(status).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("trustDeviceDays").asInt());
            assertTrue(Engine.of(filter.twoStep()).auditSink().recent(null, 10).stream()
                    .anyMatch(e -> e.event() == AuditEvent.Type.SETTINGS_REJECTED));
            assertTrue(Engine.of(filter.twoStep()).auditSink().recent(null, 10).stream()
                    .anyMatch(e -> e.event() == AuditEvent.Type.SETTINGS_RELOADED));
        } finally {
            server.stop();
        }
    }

    @Test
    void reloadWhenStoreIsInMemoryWithoutKeyThenEnrolmentsSurviveAndStoreChangesAreRefused() throws Exception {
        Path file = dir.resolve("memory.json");
        Files.writeString(file, "{\"trustThisDevice\": 180}");
        TwoStepFilter filter = new TwoStepFilter();
        Server server = serve(filter, file);
        try {
            TwoStep first = filter.twoStep();
            SetupSecret setup = Engine.of(first).accounts().startSetup("alice", Caller.APPLICATION);
            Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, Clock.systemUTC());
            String code = totp.key(OtpSecret.fromBase32(setup.secret())).generate(totp.currentStep());
            assertTrue(Engine.of(first).accounts().confirmSetup("alice", code, Set.of(VerifyMethod.APP), "sign-in",
                    Caller.APPLICATION).outcome().isVerified());

            Files.writeString(file, "{\"trustThisDevice\": 7}");
            assertTrue(filter.checkSettingsNow());
            TwoStep second = filter.twoStep();

            assertNotSame(first, second, "the new policy is in force");
            assertEquals(7, second.settings().trustThisDevice());
            assertTrue(Engine.of(second).accounts().lookup("alice").orElseThrow().enabled(),
                    "the in-memory store and the generated key outlive the reload");

            Files.writeString(file, "{\"trustThisDevice\": 7, \"store\": {\"type\": \"file\", "
                    + "\"file\": {\"directory\": \"" + dir.resolve("records").toString().replace("\\", "/")
                    + "\"}, \"key\": \"k1:" + Base64.getEncoder().encodeToString(new byte[32]) + "\"}}");
            filter.checkSettingsNow();

            assertSame(second, filter.twoStep(), "a reload that changes the store is refused");
            assertTrue(Engine.of(second).auditSink().recent(null, 10).stream()
                    .anyMatch(e -> e.event() == AuditEvent.Type.SETTINGS_REJECTED));
        } finally {
            server.stop();
        }
    }

    /** Jetty on port 0 with {@code filter} declared as in web.xml, reading {@code file}, before the test app. */
    private static Server serve(TwoStepFilter filter, Path file) throws Exception {
        FilterHolder holder = new FilterHolder(filter);
        holder.setInitParameter("settings", file.toString());
        Server server = new Server(0);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new TestApp.AppServlet()), "/");
        server.setHandler(context);
        server.start();
        return server;
    }
}
