package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Report-only rollout and the app-wide switch, over HTTP. */
class RolloutIT {
    private static void enrol(TestApp app, String user) throws Exception {
        Browser browser = new Browser(app);
        browser.login(user);
        JsonNode setup = Browser.json(browser.post("/2fa/api/setup/start",
                "{\"password\": \"" + user + "-password\", \"consent\": true}"));
        OtpSecret secret = OtpSecret.fromBase32(setup.get("secret").asText());
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, app.clock);
        assertEquals(200, browser.post("/2fa/api/setup/confirm", "{\"code\": \""
                + totp.key(secret).generate(totp.currentStep()) + "\", \"methods\": [\"app\"]}").statusCode());
    }

    @Test
    void reportOnlyWhenUserWouldBeChallengedThenLetThroughAndAuditedOnce() throws Exception {
        try (TestApp app = new TestApp(TestApp.settings("\"reportOnly\": true"))) {
            enrol(app, "alice");
            Browser browser = new Browser(app);

            assertEquals("challenge", Browser.json(browser.login("alice")).get("state").asText());
            assertEquals("app:/protected:alice:admin=false", browser.get("/protected").body());
            assertEquals(200, browser.get("/protected").statusCode());

            long decisions = Engine.of(app.twoStep).accounts().auditTrail("alice", 100).stream()
                    .filter(e -> e.event() == AuditEvent.Type.DECISION).count();
            assertEquals(1, decisions);
        }
    }

    @Test
    void disabledWhenEnrolledUserSignsInThenNoCodeButLoginStillRequired() throws Exception {
        try (TestApp app = new TestApp(TestApp.settings("\"enabled\": false"))) {
            Browser anonymous = new Browser(app);
            assertEquals(302, anonymous.get("/protected").statusCode());

            Browser browser = new Browser(app);
            assertEquals("disabled", Browser.json(browser.login("alice")).get("state").asText());
            assertTrue(browser.get("/protected").body().startsWith("app:/protected:alice"));
        }
    }

    @Test
    void requiredWithDeadlineWhenSignedInThroughThePageThenDaysLeftShownAndSkipAllowed() throws Exception {
        // session limits off: the same session is followed across the three-day deadline
        try (TestApp app = new TestApp(TestApp.settings(
                "\"setup\": {\"mode\": \"required\", \"enrollmentDeadlineDays\": 3}, "
                        + "\"session\": {\"idleMinutes\": 0, \"absoluteHours\": 0}"))) {
            Browser browser = new Browser(app);
            HttpResponse<String> login = browser.get("/login");
            Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                    .matcher(login.body());
            assertTrue(csrf.find());

            HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(
                    app.uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1)
                            + "&username=bob&password=bob-password")).build());

            assertEquals("/2fa/setup", signedIn.headers().firstValue("Location").orElseThrow());
            String setup = browser.get("/2fa/setup").body();
            assertTrue(setup.contains("within 3 days"), setup);
            assertTrue(setup.contains("Not now"), setup);
            assertEquals(200, browser.get("/protected").statusCode());
            app.clock.advance(Duration.ofDays(3).plusSeconds(31));
            assertEquals(302, browser.get("/protected").statusCode());
            assertEquals("enroll", browser.status().get("state").asText());
        }
    }

    @Test
    void dialWhenConfiguredThenSetUpAndVerifyPagesShowTheNumber() throws Exception {
        try (TestApp app = new TestApp(TestApp.settings("\"verify\": {\"dial\": \"+1 555 0199\"}"))) {
            Browser browser = new Browser(app);
            browser.login("bob");

            assertTrue(browser.get("/2fa/setup").body().contains("+1 555 0199"));
            assertTrue(browser.get("/2fa/verify").body().contains("+1 555 0199"));
        }
    }
}
