package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twostep.TwoStepException;
import io.github.twostep.audit.AuditEvent;
import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import io.github.twostep.internal.store.InMemoryUserDataStore;
import io.github.twostep.store.UserDataStore;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The security properties of the HTTP contract that the flow tests do not already pin down. */
class SecurityPropertiesIT {
    private static OtpSecret enrol(TestApp app, Browser browser) throws Exception {
        browser.login("alice");
        JsonNode setup = Browser.json(browser.post("/2fa/api/setup/start",
                "{\"password\": \"alice-password\", \"consent\": true}"));
        OtpSecret secret = OtpSecret.fromBase32(setup.get("secret").asText());
        assertEquals(200, browser.post("/2fa/api/setup/confirm", "{\"code\": \"" + code(app, secret, 0)
                + "\", \"methods\": [\"app\"]}").statusCode());
        browser.status();
        return secret;
    }

    private static String code(TestApp app, OtpSecret secret, int offset) {
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, app.clock);
        return totp.key(secret).generate(totp.currentStep() + offset);
    }

    @Test
    void trustCookieWhenSetThenHttpOnlySameSiteLaxAndNotReadableByScript() throws Exception {
        try (TestApp app = new TestApp(TestApp.settings(""))) {
            Browser browser = new Browser(app);
            OtpSecret secret = enrol(app, browser);
            Browser again = new Browser(app);
            again.login("alice");

            HttpResponse<String> verified = again.post("/2fa/api/verify", "{\"code\": \"" + code(app, secret, 1)
                    + "\", \"trustDevice\": true}");

            String cookie = verified.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("twostep_trust=")).findFirst().orElseThrow();
            assertTrue(cookie.contains("HttpOnly"), cookie);
            assertTrue(cookie.contains("SameSite=Lax"), cookie);
            assertTrue(cookie.contains("Max-Age=15552000"), cookie);
            assertFalse(cookie.contains("Secure"), "plain HTTP here, so no Secure flag: " + cookie);
            assertEquals("no-store", verified.headers().firstValue("Cache-Control").orElseThrow());
        }
    }

    @Test
    void pagesWhenServedThenFramingAndForeignContentRefused() throws Exception {
        try (TestApp app = new TestApp(TestApp.settings(""))) {
            Browser browser = new Browser(app);
            enrol(app, browser);
            Browser again = new Browser(app);
            again.login("alice");

            for (String path : List.of("/login", "/2fa/verify")) {
                HttpResponse<String> page = (path.equals("/login") ? new Browser(app) : again).get(path);
                assertEquals(200, page.statusCode(), path);
                assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElseThrow(), path);
                String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
                assertTrue(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), csp);
                assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow(), path);
            }
        }
    }

    @Test
    void stateChangingCallsWhenNoCsrfTokenThen403AndNothingChanges() throws Exception {
        try (TestApp app = new TestApp(TestApp.settings(""))) {
            Browser browser = new Browser(app);
            OtpSecret secret = enrol(app, browser);

            for (String call : List.of("/2fa/api/verify", "/2fa/api/setup/start", "/2fa/api/setup/confirm",
                    "/2fa/api/backup-codes", "/2fa/api/disable", "/2fa/api/send")) {
                HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(app.uri(call))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"code\": \"" + code(app, secret, 1)
                                + "\", \"password\": \"alice-password\", \"consent\": true}")).build());
                assertEquals(403, answer.statusCode(), call);
                assertEquals("{\"error\":\"csrf\"}", answer.body(), call);
            }
            HttpResponse<String> delete = browser.send(HttpRequest.newBuilder(app.uri("/2fa/api/devices/x"))
                    .DELETE().build());
            assertEquals(403, delete.statusCode());
            assertTrue(Engine.of(app.twoStep).accounts().lookup("alice").orElseThrow().enabled());
            assertEquals(10, Engine.of(app.twoStep).accounts().lookup("alice").orElseThrow().backupCodes().size());
        }
    }

    @Test
    void setupStartWhenEnrolledAndNoRecentCodeThenReverificationRequired() throws Exception {
        try (TestApp app = new TestApp(TestApp.settings(""))) {
            Browser browser = new Browser(app);
            enrol(app, browser);
            app.clock.advance(Duration.ofMinutes(5));

            HttpResponse<String> start = browser.post("/2fa/api/setup/start",
                    "{\"password\": \"alice-password\", \"consent\": true}");

            assertEquals(401, start.statusCode());
            assertEquals("{\"error\":\"reverification_required\"}", start.body());
            assertEquals(null, Engine.of(app.twoStep).accounts().lookup("alice").orElseThrow().pendingTotp());
        }
    }

    @Test
    void storeWhenItFailsThenEveryAnswerIs503AndNothingGranted() throws Exception {
        AtomicBoolean down = new AtomicBoolean();
        InMemoryUserDataStore memory = new InMemoryUserDataStore();
        UserDataStore flaky = new UserDataStore() {
            @Override
            public Optional<String> read(String username) {
                if (down.get()) {
                    throw new TwoStepException("database down");
                }
                return memory.read(username);
            }

            @Override
            public boolean compareAndSet(String username, String expected, String replacement) {
                if (down.get()) {
                    throw new TwoStepException("database down");
                }
                return memory.compareAndSet(username, expected, replacement);
            }
        };
        try (TestApp app = new TestApp(TestApp.settings(""), builder -> builder.store(flaky))) {
            OtpSecret secret = enrol(app, new Browser(app));
            down.set(true);
            Browser browser = new Browser(app);
            browser.login("alice");

            HttpResponse<String> page = browser.get("/protected");
            HttpResponse<String> json = browser.send(HttpRequest.newBuilder(app.uri("/protected"))
                    .header("Accept", "application/json").build());
            HttpResponse<String> verify = browser.post("/2fa/api/verify", "{\"code\": \"" + code(app, secret, 1) + "\"}");

            assertEquals(503, page.statusCode());
            assertFalse(page.body().startsWith("app:"));
            assertEquals(503, json.statusCode());
            assertEquals("{\"error\":\"unavailable\"}", json.body());
            assertEquals(503, verify.statusCode());
            down.set(false);
            browser.status();
            assertEquals(200, browser.post("/2fa/api/verify", "{\"code\": \"" + code(app, secret, 1) + "\"}")
                    .statusCode());
            assertEquals(200, browser.get("/protected").statusCode());
        }
    }

    @Test
    void recordWhenCorruptThenOnlyThatUserIsRefusedAndItsOtherTextKept() throws Exception {
        try (TestApp app = new TestApp(TestApp.settings(""))) {
            enrol(app, new Browser(app));
            try (var c = app.db.getConnection()) {
                c.createStatement().executeUpdate("UPDATE users SET comment = 'note before ' || "
                        + "REPLACE(comment, '[/twostep]', 'x[/twostep]') WHERE username = 'alice'");
            }
            Browser alice = new Browser(app);
            alice.login("alice");
            Browser bob = new Browser(app);
            bob.login("bob");

            HttpResponse<String> refused = alice.get("/protected");

            assertEquals(503, refused.statusCode());
            assertFalse(refused.body().startsWith("app:"));
            assertEquals(200, bob.get("/protected").statusCode());
            try (var c = app.db.getConnection();
                 var rows = c.createStatement().executeQuery("SELECT comment FROM users WHERE username = 'alice'")) {
                rows.next();
                assertTrue(rows.getString(1).startsWith("note before [twostep:"), "other text kept, nothing rewritten");
            }
            assertTrue(Engine.of(app.twoStep).accounts().auditTrail("alice", 50).stream()
                    .anyMatch(e -> e.event() == AuditEvent.Type.RECORD_CORRUPT));
        }
    }
}
