package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twostep.audit.AuditEvent;
import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Issue #14.3 over HTTP: {@code session.idleMinutes} and {@code session.absoluteHours} end a signed-in session. */
class SessionLifetimeIT {
    private static OtpSecret enrol(TestApp app, Browser browser) throws Exception {
        browser.login("alice");
        JsonNode setup = Browser.json(browser.post("/2fa/api/setup/start",
                "{\"password\": \"alice-password\", \"consent\": true}"));
        OtpSecret secret = OtpSecret.fromBase32(setup.get("secret").asText());
        assertEquals(200, browser.post("/2fa/api/setup/confirm", "{\"code\": \"" + code(app, secret)
                + "\", \"methods\": [\"app\"]}").statusCode());
        app.clock.advance(Duration.ofSeconds(30));
        return secret;
    }

    private static String code(TestApp app, OtpSecret secret) {
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, app.clock);
        return totp.key(secret).generate(totp.currentStep());
    }

    private static List<AuditEvent> expiries(TestApp app) {
        return Engine.of(app.twoStep).accounts().auditTrail("alice", 200).stream()
                .filter(e -> e.event() == AuditEvent.Type.SESSION_EXPIRED).toList();
    }

    private static HttpResponse<String> getJson(Browser browser, TestApp app, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(app.uri(path)).header("Accept", "application/json").build());
    }

    @Test
    void verifiedSessionWhenIdleThirtyMinutesThenAnonymousAndTrustCookieStillSkipsCode() throws Exception {
        try (TestApp app = new TestApp(TestApp.settings(""))) {
            OtpSecret secret = enrol(app, new Browser(app));
            Browser browser = new Browser(app);
            browser.login("alice");
            assertEquals(200, browser.post("/2fa/api/verify", "{\"code\": \"" + code(app, secret)
                    + "\", \"trustDevice\": true}").statusCode());
            assertEquals(200, browser.get("/protected").statusCode());

            app.clock.advance(Duration.ofMinutes(29));
            assertEquals(200, browser.get("/protected").statusCode(), "29 idle minutes: still signed in");
            app.clock.advance(Duration.ofMinutes(29));
            assertEquals(200, browser.get("/protected").statusCode(), "each request restarts the idle time");
            app.clock.advance(Duration.ofMinutes(30));

            HttpResponse<String> page = browser.get("/protected");
            assertEquals(302, page.statusCode());
            assertTrue(page.headers().firstValue("Location").orElseThrow().endsWith("/login"), page.headers().map()
                    .toString());
            HttpResponse<String> json = getJson(browser, app, "/protected");
            assertEquals(401, json.statusCode());
            assertEquals("login_required", Browser.json(json).get("error").asText());
            assertEquals("anonymous", browser.status().get("state").asText());
            assertEquals(1, expiries(app).size());
            assertEquals("idle", expiries(app).get(0).detail());

            assertEquals("verified", Browser.json(browser.login("alice")).get("state").asText(),
                    "the trust cookie still skips the code after signing in again");
            assertEquals(200, browser.get("/protected").statusCode());
        }
    }

    @Test
    void activeSessionWhenTwelveHoursSinceSignInThenEnded() throws Exception {
        try (TestApp app = new TestApp(TestApp.settings(""))) {
            Browser browser = new Browser(app);
            browser.login("bob");
            assertEquals(200, browser.get("/protected").statusCode());
            for (int i = 0; i < 47; i++) {
                app.clock.advance(Duration.ofMinutes(15));
                assertEquals(200, browser.get("/protected").statusCode(), "after " + (i + 1) * 15 + " minutes");
            }
            app.clock.advance(Duration.ofMinutes(15));

            HttpResponse<String> page = browser.get("/protected");

            assertEquals(302, page.statusCode());
            List<AuditEvent> ended = Engine.of(app.twoStep).accounts().auditTrail("bob", 200).stream()
                    .filter(e -> e.event() == AuditEvent.Type.SESSION_EXPIRED).toList();
            assertEquals(1, ended.size());
            assertEquals("absolute", ended.get(0).detail());
        }
    }

    @Test
    void limitsWhenZeroThenSessionNeverEnds() throws Exception {
        try (TestApp app = new TestApp(TestApp.settings("\"session\": {\"idleMinutes\": 0, \"absoluteHours\": 0}"))) {
            Browser browser = new Browser(app);
            browser.login("bob");
            app.clock.advance(Duration.ofDays(3));

            assertEquals(200, browser.get("/protected").statusCode());
        }
    }

    @Test
    void expiredSessionWhenEightRequestsAtOnceThenAllAnonymousAndAuditedOnce() throws Exception {
        try (TestApp app = new TestApp(TestApp.settings(""))) {
            Browser browser = new Browser(app);
            browser.login("alice");
            assertEquals(200, browser.get("/protected").statusCode());
            app.clock.advance(Duration.ofMinutes(31));

            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    calls.add(() -> browser.get("/protected"));
                }
                for (Future<HttpResponse<String>> answer : pool.invokeAll(calls)) {
                    assertEquals(302, answer.get().statusCode(), answer.get().body());
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, expiries(app).size());
        }
    }

    @Test
    void externalLoginWhenIdleThenSessionEndedAndRequestNeverReachesApplication() throws Exception {
        String settings = """
                {"login": {"mode": "external", "principalResolver": "class:io.github.twostep.internal.web.HeaderPrincipalResolver"},
                 "exempt": {"paths": ["/"]},
                 "store": {"type": "jdbc", "jdbc": {"url": "jdbc:h2:mem:unused"}, "key": "${env:KEY}"}}""";
        try (TestApp app = new TestApp(settings)) {
            Browser browser = new Browser(app);
            HttpRequest page = HttpRequest.newBuilder(app.uri("/protected")).header("X-Test-User", "alice").build();
            assertEquals(200, browser.send(page).statusCode());
            String before = browser.cookie("JSESSIONID");
            app.clock.advance(Duration.ofMinutes(30));

            HttpResponse<String> ended = browser.send(page);

            assertEquals(302, ended.statusCode(), ended.body());
            assertTrue(ended.headers().firstValue("Location").orElseThrow().endsWith("/protected"));
            assertEquals(1, expiries(app).size());
            HttpResponse<String> again = browser.send(page);
            assertEquals(200, again.statusCode(), "the container's login (here the resolver) takes over");
            assertNotEquals(before, browser.cookie("JSESSIONID"), "a new session");

            app.clock.advance(Duration.ofMinutes(30));
            HttpResponse<String> json = browser.send(HttpRequest.newBuilder(app.uri("/protected"))
                    .header("X-Test-User", "alice").header("Accept", "application/json").build());
            assertEquals(401, json.statusCode());
            assertEquals("login_required", Browser.json(json).get("error").asText());
        }
    }
}
