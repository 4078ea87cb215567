package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The verify page tells the user how far their phone's clock is off, and how to fix it. */
class ClockDriftPageIT {
    @Test
    void verifyPageWhenCodeTwoStepsAheadThenAdviceBeforeGoingOn() throws Exception {
        try (TestApp app = new TestApp(TestApp.settings(""))) {
            Browser browser = new Browser(app);
            browser.login("alice");
            JsonNode setup = Browser.json(browser.post("/2fa/api/setup/start",
                    "{\"password\": \"alice-password\", \"consent\": true}"));
            OtpSecret secret = OtpSecret.fromBase32(setup.get("secret").asText());
            Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, app.clock);
            browser.post("/2fa/api/setup/confirm", "{\"code\": \"" + totp.key(secret).generate(totp.currentStep())
                    + "\", \"methods\": [\"app\"]}");
            Browser again = new Browser(app);
            again.login("alice");
            HttpResponse<String> page = again.get("/2fa/verify");
            Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
            assertTrue(csrf.find());

            HttpResponse<String> advice = again.send(HttpRequest.newBuilder(app.uri("/2fa/verify"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1) + "&code="
                            + totp.key(secret).generate(totp.currentStep() + 2))).build());

            assertEquals(200, advice.statusCode());
            assertTrue(advice.body().contains("about 60 seconds ahead"), advice.body());
            assertTrue(advice.body().contains("Set automatically"), advice.body());
            assertEquals(200, again.get("/protected").statusCode());
        }
    }
}
