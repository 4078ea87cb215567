package io.github.twostep.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twostep.config.Algorithm;
import io.github.twostep.core.AuditEvent;
import io.github.twostep.otp.OtpSecret;
import io.github.twostep.otp.Totp;
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

            long decisions = app.twoStep.accounts().auditTrail("alice", 100).stream()
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
}
