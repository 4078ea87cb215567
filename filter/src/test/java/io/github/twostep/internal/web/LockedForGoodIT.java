package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Over HTTP: once lockout.maxConsecutiveFailures is reached, 423 without a time to wait, until an admin unlocks. */
class LockedForGoodIT {

    @Test
    void verifyWhenMaxConsecutiveFailuresReachedThen423WithoutRetryAfterEvenForTheRightCode() throws Exception {
        try (TestApp app = new TestApp(TestApp.settings(
                "\"lockout\": {\"maxFailedAttempts\": 1, \"minutes\": 1, \"maxConsecutiveFailures\": 2}"))) {
            Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, app.clock);
            Browser enrolling = new Browser(app);
            enrolling.login("alice");
            OtpSecret secret = OtpSecret.fromBase32(Browser.json(enrolling.post("/2fa/api/setup/start",
                    "{\"password\": \"alice-password\", \"consent\": true}")).get("secret").asText());
            assertEquals(200, enrolling.post("/2fa/api/setup/confirm", "{\"code\": \""
                    + totp.key(secret).generate(totp.currentStep()) + "\", \"methods\": [\"app\"]}").statusCode());
            app.clock.advance(Duration.ofSeconds(30));
            Browser browser = new Browser(app);
            browser.login("alice");

            assertEquals(401, browser.post("/2fa/api/verify", "{\"code\": \"000000x\"}").statusCode());
            HttpResponse<String> firstLock = browser.post("/2fa/api/verify", "{\"code\": \"000000x\"}");
            assertEquals(423, firstLock.statusCode());
            assertTrue(firstLock.headers().firstValue("Retry-After").isPresent());
            app.clock.advance(Duration.ofMinutes(1));
            assertEquals(401, browser.post("/2fa/api/verify", "{\"code\": \"000000x\"}").statusCode(),
                    "the attempt that reaches the limit still answers 401");
            app.clock.advance(Duration.ofMinutes(20));
            HttpResponse<String> locked = browser.post("/2fa/api/verify",
                    "{\"code\": \"" + totp.key(secret).generate(totp.currentStep()) + "\"}");

            assertEquals(423, locked.statusCode());
            assertEquals("{\"error\":\"locked\"}", locked.body(), "no time to wait: only an administrator unlocks");
            assertTrue(locked.headers().firstValue("Retry-After").isEmpty());
        }
    }
}
