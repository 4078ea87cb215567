package io.github.twostep.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import io.github.twostep.login.PasswordHashes;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes of the sample on one PostgreSQL that keep HTTP sessions in it through Jetty's own
 * {@code JDBCSessionDataStore} ({@code --sessions db}), with no sticky sessions: one browser's
 * requests go to either node, and TwoStep's state in the session follows it. A node restart
 * keeps verified sessions verified.
 */
class SessionReplicationIT {
    private static final Function<String, String> ENVIRONMENT = Map.of("TWOSTEP_KEY", SampleKey.newKey())::get;
    private static final Totp TOTP = new Totp(Algorithm.SHA1, 6, 30, 180, Clock.systemUTC());
    private static final AtomicInteger USERS = new AtomicInteger();

    private static EmbeddedPostgres postgres;
    private static Options options;
    private static SampleApp nodeA;
    private static SampleApp nodeB;

    @TempDir
    static Path directory;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.start();
        Path settings = directory.resolve("twostep.json");
        ObjectNode json = (ObjectNode) Browser.JSON.readTree(Path.of("../config/twostep.json").toFile());
        Browser.JSON.writeValue(settings.toFile(), json);
        options = Options.defaults().withPort(0).withSettings(settings.toString())
                .withDb(postgres.getJdbcUrl("postgres", "postgres")).withDataDirectory(directory)
                .withSharedSessions(true);
        nodeA = startNode();
        nodeB = startNode();
    }

    @AfterAll
    static void stop() throws IOException {
        for (SampleApp node : new SampleApp[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
        postgres.close();
    }

    @Test
    void verifyWhenChallengedOnOneNodeThenVerifiedOnTheOtherAndBothServeTheProtectedPage() throws Exception {
        String user = newUser();
        OtpSecret secret = enrol(user);
        NodeClient browser = new NodeClient(nodeA);
        assertEquals("challenge", browser.login(user), "signed in with the password on A");
        HttpResponse<String> held = browser.navigate("/protected");
        assertEquals(302, held.statusCode(), "A holds the page and remembers it");

        browser.switchTo(nodeB);
        assertEquals("challenge", browser.state(), "B sees the session A started, at the challenge");
        HttpResponse<String> verified = browser.verify(code(secret), false);
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("/protected", Browser.json(verified).get("redirect").asText(),
                "B returns to the page A remembered, a change A made without a new session id");

        browser.switchTo(nodeA);
        assertEquals("verified", browser.state(), "A sees the code proven on B");
        HttpResponse<String> page = browser.get("/protected");
        assertEquals(200, page.statusCode(), "the protected page on A after verifying on B");
        assertTrue(storedSessions() > 0, "the sessions are kept in PostgreSQL");
    }

    @Test
    void restartWhenANodeStopsThenItsVerifiedSessionsStayVerified() throws Exception {
        String user = newUser();
        OtpSecret secret = enrol(user);
        NodeClient browser = new NodeClient(nodeA);
        browser.login(user);
        assertEquals(200, browser.verify(code(secret), false).statusCode());

        nodeA.close();
        nodeA = startNode();
        browser.switchTo(nodeA);

        assertEquals("verified", browser.state(), "the restarted node reads the session from the database");
        assertEquals(200, browser.get("/protected").statusCode());
    }

    @Test
    void challengeWhenTheOtherNodeIsAskedForTheProtectedPageThenItIsStillRefused() throws Exception {
        String user = newUser();
        enrol(user);
        NodeClient browser = new NodeClient(nodeA);
        browser.login(user);

        browser.switchTo(nodeB);
        HttpResponse<String> page = browser.get("/protected");

        assertEquals(401, page.statusCode(), "a half-signed-in session is half-signed-in on every node");
        assertEquals("second_factor_required", Browser.json(page).get("error").asText());
    }

    private static SampleApp startNode() {
        return SampleApp.start(options, ENVIRONMENT, new PrintStream(OutputStream.nullOutputStream()));
    }

    private static int storedSessions() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                ResultSet rows = c.createStatement().executeQuery("SELECT COUNT(*) FROM jettysessions")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static String newUser() throws SQLException {
        String user = "shared-user-" + USERS.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO users (username, password_hash, roles, email) VALUES (?, ?, '', ?)")) {
            insert.setString(1, user);
            insert.setString(2, PasswordHashes.argon2id((user + "-password").toCharArray()));
            insert.setString(3, user + "@example.com");
            insert.executeUpdate();
        }
        return user;
    }

    /** Sets up an authenticator app for {@code user}, its requests spread over both nodes. */
    private static OtpSecret enrol(String user) throws IOException, InterruptedException {
        NodeClient browser = new NodeClient(nodeA);
        assertEquals("optional", browser.login(user));
        browser.switchTo(nodeB);
        HttpResponse<String> started = browser.post("/2fa/api/setup/start",
                "{\"password\": \"" + user + "-password\", \"consent\": true}");
        assertEquals(200, started.statusCode(), started.body());
        OtpSecret secret = OtpSecret.fromBase32(Browser.json(started).get("secret").asText());
        browser.switchTo(nodeA);
        HttpResponse<String> confirmed = browser.post("/2fa/api/setup/confirm",
                "{\"code\": \"" + TOTP.key(secret).generate(TOTP.currentStep() - 1) + "\", \"methods\": [\"app\"]}");
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        return secret;
    }

    private static String code(OtpSecret secret) {
        return TOTP.key(secret).generate(TOTP.currentStep());
    }
}
