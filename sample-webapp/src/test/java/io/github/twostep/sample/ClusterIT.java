package io.github.twostep.sample;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import io.github.twostep.login.PasswordHashes;
import io.github.twostep.testing.SettableClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes of the sample on one real PostgreSQL: each its own Jetty, HikariCP pool and
 * TwoStep, sharing nothing but the database and the data key. Every test signs a fresh user in
 * over HTTP on both nodes and checks that what one node stored binds the other.
 */
class ClusterIT {
    private static final Function<String, String> ENVIRONMENT = Map.of("TWOSTEP_KEY", SampleKey.newKey())::get;
    private static final Totp TOTP = new Totp(Algorithm.SHA1, 6, 30, 180, Clock.systemUTC());
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final int RECHECK_SECONDS = 1;

    private static EmbeddedPostgres postgres;
    private static SampleApp nodeA;
    private static SampleApp nodeB;

    @TempDir
    static Path directory;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.start();
        Path settings = directory.resolve("twostep.json");
        ObjectNode json = (ObjectNode) Browser.JSON.readTree(Path.of("../config/twostep.json").toFile());
        json.putObject("session").put("recheckSeconds", RECHECK_SECONDS);
        Browser.JSON.writeValue(settings.toFile(), json);
        Options options = Options.defaults().withPort(0).withSettings(settings.toString())
                .withDb(postgres.getJdbcUrl("postgres", "postgres")).withDataDirectory(directory);
        nodeA = SampleApp.start(options, ENVIRONMENT, new PrintStream(OutputStream.nullOutputStream()));
        nodeB = SampleApp.start(options, ENVIRONMENT, new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    static void stop() throws IOException {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
        postgres.close();
    }

    @Test
    void verifyWhenCodeUsedOnOneNodeThenRejectedOnTheOther() throws Exception {
        String user = newUser();
        OtpSecret secret = enrol(nodeA, user);
        String code = code(secret, 1);
        NodeClient onA = new NodeClient(nodeA);
        NodeClient onB = new NodeClient(nodeB);
        assertEquals("challenge", onA.login(user));
        assertEquals("challenge", onB.login(user));

        HttpResponse<String> first = onA.verify(code, false);
        HttpResponse<String> replayed = onB.verify(code, false);

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(401, replayed.statusCode(), replayed.body());
        assertEquals("invalid_code", Browser.json(replayed).get("error").asText());
        assertEquals("challenge", onB.state());
    }

    @Test
    void verifyWhenFailuresSplitOverNodesThenTheyAddUpToOneLockout() throws Exception {
        String user = newUser();
        OtpSecret secret = enrol(nodeA, user);
        NodeClient onA = new NodeClient(nodeA);
        NodeClient onB = new NodeClient(nodeB);
        onA.login(user);
        onB.login(user);
        String wrong = wrongCode(secret);

        for (int i = 0; i < 3; i++) {
            assertEquals(401, onA.verify(wrong, false).statusCode(), "failure " + (i + 1) + " on A");
        }
        assertEquals(401, onB.verify(wrong, false).statusCode(), "failure 4 on B");
        HttpResponse<String> fifth = onB.verify(wrong, false);
        HttpResponse<String> afterOnA = onA.verify(wrong, false);
        HttpResponse<String> rightOnB = onB.verify(code(secret, 1), false);

        assertEquals(401, fifth.statusCode(), "the attempt that reaches the limit still answers 401");
        assertEquals(423, afterOnA.statusCode(), afterOnA.body());
        assertEquals("locked", Browser.json(afterOnA).get("error").asText());
        assertEquals(423, rightOnB.statusCode(), "even the right code is refused while locked: " + rightOnB.body());
        JsonNode stored = adminView(nodeA, user);
        assertEquals(5, stored.get("failedAttempts").asInt(), stored.toString());
        assertTrue(stored.get("locked").asBoolean(), stored.toString());
    }

    @Test
    void trustWhenSetOnOneNodeThenHonouredAndRevokedOnTheOther() throws Exception {
        String user = newUser();
        OtpSecret secret = enrol(nodeA, user);
        NodeClient onA = new NodeClient(nodeA);
        onA.login(user);
        HttpResponse<String> trusted = onA.verify(code(secret, 1), true);
        assertEquals(200, trusted.statusCode(), trusted.body());
        HttpCookie trustCookie = onA.cookie("twostep_trust").orElseThrow(() -> new AssertionError("no trust cookie"));

        NodeClient onB = new NodeClient(nodeB);
        onB.adopt(trustCookie);
        assertEquals("verified", onB.login(user), "the device trusted on A is trusted on B");
        JsonNode devices = Browser.json(onB.get("/2fa/api/devices"));
        assertEquals(1, devices.size(), devices.toString());
        HttpResponse<String> revoked = onB.delete("/2fa/api/devices/" + devices.get(0).get("id").asText());
        assertEquals(204, revoked.statusCode(), revoked.body());

        NodeClient againOnA = new NodeClient(nodeA);
        againOnA.adopt(trustCookie);
        assertEquals("challenge", againOnA.login(user), "the device revoked on B is no longer trusted on A");
    }

    @Test
    void adminResetOnOneNodeThenLiveSessionOnTheOtherLosesVerificationWithinRecheck() throws Exception {
        String user = newUser();
        OtpSecret secret = enrol(nodeA, user);
        NodeClient onA = new NodeClient(nodeA);
        onA.login(user);
        assertEquals(200, onA.verify(code(secret, 1), false).statusCode());
        assertEquals("verified", onA.state());
        NodeClient adminOnB = new NodeClient(nodeB);
        assertEquals("optional", adminOnB.login("admin"));

        HttpResponse<String> reset = adminOnB.post("/2fa/admin/api/users/" + user + "/reset", "{}");
        assertEquals(200, reset.statusCode(), reset.body());

        String after = await().atMost(Duration.ofSeconds(RECHECK_SECONDS + 4)).pollInterval(Duration.ofMillis(100))
                .until(onA::state, state -> !state.equals("verified"));
        assertEquals("optional", after, "after the reset the user has no second factor, which opt-in allows");
    }

    @Test
    void verifyWhenOneCodeRacesOnBothNodesThenExactlyOneSucceeds() throws Exception {
        String user = newUser();
        OtpSecret secret = enrol(nodeA, user);
        List<NodeClient> sessions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            NodeClient session = new NodeClient(i % 2 == 0 ? nodeA : nodeB);
            assertEquals("challenge", session.login(user));
            sessions.add(session);
        }
        String code = code(secret, 1);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(sessions.size());
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (NodeClient session : sessions) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return session.verify(code, false);
                }));
            }
            go.countDown();
            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (Future<HttpResponse<String>> answer : answers) {
                byStatus.merge(answer.get().statusCode(), 1, Integer::sum);
            }

            assertEquals(1, byStatus.getOrDefault(200, 0), byStatus.toString());
            assertTrue(Set.of(200, 401, 423).containsAll(byStatus.keySet()), byStatus.toString());
            assertEquals(5, byStatus.getOrDefault(401, 0), "each replay counts until the lock: " + byStatus);
            JsonNode stored = adminView(nodeB, user);
            assertEquals(5, stored.get("failedAttempts").asInt(), "no failure lost between nodes: " + stored);
            assertTrue(stored.get("locked").asBoolean(), stored.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void verifyWhenHundredWrongCodesRaceOnBothNodesThenExactlyTheLockLimitCounts() throws Exception {
        String user = newUser();
        OtpSecret secret = enrol(nodeA, user);
        List<NodeClient> sessions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            NodeClient session = new NodeClient(i % 2 == 0 ? nodeA : nodeB);
            assertEquals("challenge", session.login(user));
            sessions.add(session);
        }
        String wrong = wrongCode(secret);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                NodeClient session = sessions.get(i % sessions.size());
                answers.add(pool.submit(() -> {
                    go.await();
                    return session.verify(wrong, false);
                }));
            }
            go.countDown();
            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (Future<HttpResponse<String>> answer : answers) {
                byStatus.merge(answer.get().statusCode(), 1, Integer::sum);
            }

            assertEquals(Map.of(401, 5, 423, 95), byStatus, "exactly maxFailedAttempts count, on two nodes");
            JsonNode stored = adminView(nodeB, user);
            assertEquals(5, stored.get("failedAttempts").asInt(), stored.toString());
            assertTrue(stored.get("locked").asBoolean(), stored.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void loginWhenHundredWrongPasswordsRaceOnBothNodesThenExactlyTheFreeAttemptsAreCheckedAndBothThrottle()
            throws Exception {
        String user = newUser();
        SettableClock clock = new SettableClock(Instant.now());
        Options options = Options.defaults().withPort(0).withSettings(directory.resolve("twostep.json").toString())
                .withDb(postgres.getJdbcUrl("postgres", "postgres")).withDataDirectory(directory);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (SampleApp one = SampleApp.start(options, ENVIRONMENT, quiet, clock);
                SampleApp two = SampleApp.start(options, ENVIRONMENT, quiet, clock)) {
            for (String name : List.of(user, "nobody-" + user)) {
                assertEquals(Map.of(401, 5, 429, 95), racePasswords(List.of(one, two), name, "wrong-password"),
                        "exactly login.throttle.freeAttempts passwords are checked, on two nodes: " + name);
                for (SampleApp node : List.of(one, two)) {
                    HttpResponse<String> right = passwordLogin(node, name, name + "-password");
                    assertEquals(429, right.statusCode(), "throttled on both nodes, right password too: " + name);
                    assertEquals("1", right.headers().firstValue("Retry-After").orElseThrow());
                }
            }
            clock.advance(Duration.ofSeconds(1));
            assertEquals(200, passwordLogin(two, user, user + "-password").statusCode());
        }
    }

    /** {@code password} for {@code name}, 100 times at once split over {@code nodes}; answers the statuses counted. */
    private static Map<Integer, Integer> racePasswords(List<SampleApp> nodes, String name, String password)
            throws Exception {
        List<NodeClient> sessions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            NodeClient session = new NodeClient(nodes.get(i % nodes.size()));
            session.status();
            sessions.add(session);
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                NodeClient session = sessions.get(i % sessions.size());
                answers.add(pool.submit(() -> {
                    go.await();
                    return session.post("/2fa/api/login",
                            "{\"username\": \"" + name + "\", \"password\": \"" + password + "\"}");
                }));
            }
            go.countDown();
            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (Future<HttpResponse<String>> answer : answers) {
                byStatus.merge(answer.get().statusCode(), 1, Integer::sum);
            }
            return byStatus;
        } finally {
            pool.shutdownNow();
        }
    }

    private static HttpResponse<String> passwordLogin(SampleApp node, String name, String password)
            throws IOException, InterruptedException {
        NodeClient session = new NodeClient(node);
        session.status();
        return session.post("/2fa/api/login", "{\"username\": \"" + name + "\", \"password\": \"" + password
                + "\"}");
    }

    /** The user's record as {@code GET /2fa/admin/api/users/{u}} on {@code node} shows it to the admin. */
    @Test
    void nodesWhenStartedTogetherOnAFreshDatabaseThenBothComeUpWithFourDemoUsers() throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE fresh_start");
        }
        Options options = Options.defaults().withPort(0).withSettings(directory.resolve("twostep.json").toString())
                .withDb(postgres.getJdbcUrl("postgres", "fresh_start")).withDataDirectory(directory);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<SampleApp>> nodes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                nodes.add(pool.submit(() -> {
                    go.await();
                    return SampleApp.start(options, ENVIRONMENT, new PrintStream(OutputStream.nullOutputStream()));
                }));
            }
            go.countDown();
            for (var node : nodes) {
                node.get().close();
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = postgres.getDatabase("postgres", "fresh_start").getConnection();
             var rows = c.createStatement().executeQuery("SELECT COUNT(*) FROM users")) {
            rows.next();
            assertEquals(4, rows.getInt(1));
        }
    }

    private static JsonNode adminView(SampleApp node, String user) throws IOException, InterruptedException {
        NodeClient admin = new NodeClient(node);
        assertEquals("optional", admin.login("admin"));
        HttpResponse<String> answer = admin.get("/2fa/admin/api/users/" + user);
        assertEquals(200, answer.statusCode(), answer.body());
        return Browser.json(answer);
    }

    /** A user of its own for each test, so that one test's failures and resets never reach another. */
    private static String newUser() throws SQLException {
        String user = "node-user-" + USERS.incrementAndGet();
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

    /** Sets up an authenticator app for {@code user} through {@code node}'s JSON API; answers its secret. */
    private static OtpSecret enrol(SampleApp node, String user) throws IOException, InterruptedException {
        NodeClient client = new NodeClient(node);
        assertEquals("optional", client.login(user));
        HttpResponse<String> started = client.post("/2fa/api/setup/start",
                "{\"password\": \"" + user + "-password\", \"consent\": true}");
        assertEquals(200, started.statusCode(), started.body());
        OtpSecret secret = OtpSecret.fromBase32(Browser.json(started).get("secret").asText());
        HttpResponse<String> confirmed = client.post("/2fa/api/setup/confirm",
                "{\"code\": \"" + code(secret, 0) + "\", \"methods\": [\"app\"]}");
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        return secret;
    }

    private static String code(OtpSecret secret, int stepsAhead) {
        return TOTP.key(secret).generate(TOTP.currentStep() + stepsAhead);
    }

    /** A six-digit code that no step near now produces. */
    private static String wrongCode(OtpSecret secret) {
        Set<String> near = new HashSet<>();
        long now = TOTP.currentStep();
        for (long step = now - 10; step <= now + 10; step++) {
            near.add(TOTP.key(secret).generate(step));
        }
        int candidate = 0;
        while (near.contains(String.format("%06d", candidate))) {
            candidate++;
        }
        return String.format("%06d", candidate);
    }
}
