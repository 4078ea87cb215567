package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twostep.audit.AuditEvent;
import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue #14.5, .7 and .9 over HTTP: TRACE refused, nosniff everywhere, strict JSON bodies, regenerate only when on. */
class HttpHygieneIT {
    private static OtpSecret enrol(TestApp app, Browser browser) throws Exception {
        browser.login("alice");
        JsonNode setup = Browser.json(browser.post("/2fa/api/setup/start",
                "{\"password\": \"alice-password\", \"consent\": true}"));
        OtpSecret secret = OtpSecret.fromBase32(setup.get("secret").asText());
        assertEquals(200, browser.post("/2fa/api/setup/confirm", "{\"code\": \"" + code(app, secret)
                + "\", \"methods\": [\"app\"]}").statusCode());
        return secret;
    }

    private static String code(TestApp app, OtpSecret secret) {
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, app.clock);
        return totp.key(secret).generate(totp.currentStep());
    }

    private static long auditCount(TestApp app, AuditEvent.Type type) {
        return Engine.of(app.twoStep).accounts().auditTrail("alice", 200).stream().filter(e -> e.event() == type).count();
    }

    @Test
    void traceWhenSentWithSessionCookieThen405AndNothingEchoed() throws Exception {
        try (TestApp app = new TestApp(TestApp.settings(""))) {
            Browser browser = new Browser(app);
            browser.login("alice");
            String session = browser.cookie("JSESSIONID");

            for (String path : List.of("/", "/protected", "/2fa/api/status", "/login")) {
                HttpResponse<String> traced = browser.send(HttpRequest.newBuilder(app.uri(path))
                        .method("TRACE", HttpRequest.BodyPublishers.noBody()).build());

                assertEquals(405, traced.statusCode(), path);
                assertFalse(traced.body().contains(session), path + " echoed the session cookie");
                assertFalse(traced.body().startsWith("app:"), path + " reached the application");
                assertTrue(traced.headers().firstValue("Allow").orElseThrow().contains("GET"), path);
                assertEquals("nosniff", traced.headers().firstValue("X-Content-Type-Options").orElseThrow(), path);
            }
        }
    }

    @Test
    void answersWhenPageApiRedirectOrErrorThenNosniff() throws Exception {
        try (TestApp app = new TestApp(TestApp.settings(""))) {
            Browser anonymous = new Browser(app);
            Browser alice = new Browser(app);
            enrol(app, alice);
            Browser again = new Browser(app);
            again.login("alice");

            List<HttpResponse<String>> answers = List.of(
                    anonymous.get("/login"),
                    anonymous.get("/protected"),
                    anonymous.get("/2fa/api/status"),
                    anonymous.get("/2fa/static/twostep.css"),
                    again.get("/2fa/verify"),
                    again.get("/2fa/nowhere"),
                    again.post("/2fa/api/verify", "{\"code\": \"000000\"}"),
                    again.post("/2fa/api/verify", "[1]"));

            for (HttpResponse<String> answer : answers) {
                assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(null),
                        answer.request().uri() + " " + answer.statusCode());
            }
            assertEquals(302, answers.get(1).statusCode());
            assertEquals(404, answers.get(5).statusCode());
        }
    }

    @Test
    void verifyWhenBodyNotOneObjectOrKeyRepeatedThen400AndNoAttemptCounted() throws Exception {
        try (TestApp app = new TestApp(TestApp.settings(""))) {
            OtpSecret secret = enrol(app, new Browser(app));
            Browser browser = new Browser(app);
            browser.login("alice");
            String good = code(app, secret);

            for (String body : List.of("[\"" + good + "\"]", "\"" + good + "\"", "42", "{\"code\": \"1\"} {}",
                    "{\"code\": \"000000\", \"code\": \"" + good + "\"}", "{\"code\": ", "{" + " ".repeat(17_000) + "}")) {
                HttpResponse<String> refused = browser.post("/2fa/api/verify", body);

                assertEquals(400, refused.statusCode(), body);
                assertEquals("bad_request", Browser.json(refused).get("error").asText(), body);
            }

            assertEquals(0, auditCount(app, AuditEvent.Type.VERIFY_FAILED), "a bad body counts as no attempt");
            assertEquals("challenge", browser.status().get("state").asText(), "a repeated key is not last-wins");
        }
    }

    @Test
    void setupPageWhenRegenerateWithoutSecondFactorThenRefusedAndNothingAudited() throws Exception {
        try (TestApp app = new TestApp(TestApp.settings(""))) {
            Browser browser = new Browser(app);
            browser.login("alice");
            String csrf = browser.status().get("csrfToken").asText();

            HttpResponse<String> refused = browser.send(HttpRequest.newBuilder(app.uri("/2fa/setup"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("step=regenerate&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8))).build());

            assertEquals(409, refused.statusCode());
            assertTrue(refused.body().contains("Backup codes come with two-step verification"), refused.body());
            assertFalse(refused.body().contains("backup-codes"), refused.body());
            assertEquals(0, auditCount(app, AuditEvent.Type.BACKUP_CODES_REGENERATED));
            assertFalse(browser.status().get("enrolled").asBoolean());
        }
    }

    @Test
    void adminAnswersWhenClockHasNanosecondsThenTimesInWholeSeconds() throws Exception {
        try (TestApp app = new TestApp(TestApp.settings(""))) {
            app.clock.set(java.time.Instant.parse("2026-05-01T09:00:00.123456789Z"));
            enrol(app, new Browser(app));
            Browser admin = new Browser(app);
            admin.login("admin");
            java.util.regex.Pattern wholeSeconds = java.util.regex.Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

            JsonNode emergency = Browser.json(admin.post("/2fa/admin/api/users/alice/emergency-code", "{}"));
            JsonNode audit = Browser.json(admin.get("/2fa/admin/api/audit?user=alice"));
            JsonNode user = Browser.json(admin.get("/2fa/admin/api/users/alice"));

            String expires = emergency.get("expiresAt").asText();
            assertTrue(wholeSeconds.matcher(expires).matches(), expires);
            assertTrue(audit.size() > 0);
            for (JsonNode line : audit) {
                assertTrue(wholeSeconds.matcher(line.get("time").asText()).matches(), line.toString());
            }
            assertTrue(wholeSeconds.matcher(user.get("lastVerified").asText()).matches(), user.toString());
        }
    }
}
