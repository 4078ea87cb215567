package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Step-up over HTTP: {@code /transfer/*} needs a code entered in this session within five
 * minutes, even on a trusted device; other paths do not; a user without a second factor is sent
 * to set one up for step-up paths only.
 */
class StepUpIT {
    private TestApp app;

    @BeforeEach
    void start() throws Exception {
        app = new TestApp(TestApp.settings("\"stepUp\": {\"paths\": [\"/transfer/*\"], \"maxAgeMinutes\": 5}"));
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    private String code(OtpSecret secret, int offset) {
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, app.clock);
        return totp.key(secret).generate(totp.currentStep() + offset);
    }

    private OtpSecret enrol(Browser browser) throws Exception {
        browser.login("alice");
        HttpResponse<String> started = browser.post("/2fa/api/setup/start",
                "{\"password\": \"alice-password\", \"consent\": true}");
        OtpSecret secret = OtpSecret.fromBase32(Browser.json(started).get("secret").asText());
        HttpResponse<String> confirmed = browser.post("/2fa/api/setup/confirm",
                "{\"code\": \"" + code(secret, 0) + "\", \"methods\": [\"app\"]}");
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        app.clock.advance(Duration.ofSeconds(30));
        return secret;
    }

    private static HttpResponse<String> page(Browser browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(browser.uri(path)).header("Accept", "text/html").GET().build());
    }

    private static HttpResponse<String> api(Browser browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(browser.uri(path)).header("Accept", "application/json").GET().build());
    }

    @Test
    void stepUpWhenCodeIsOlderThanMaxAgeThenPagesGoToVerifyAndComeBack() throws Exception {
        Browser browser = new Browser(app);
        OtpSecret secret = enrol(browser);
        assertEquals(200, page(browser, "/transfer/now").statusCode(), "a code entered at set-up counts as fresh");

        app.clock.advance(Duration.ofMinutes(6));
        HttpResponse<String> held = page(browser, "/transfer/now");
        HttpResponse<String> elsewhere = page(browser, "/protected");
        HttpResponse<String> json = api(browser, "/transfer/now");

        assertEquals(302, held.statusCode());
        assertTrue(held.headers().firstValue("Location").orElse("").endsWith("/2fa/verify"), held.headers().map().toString());
        assertEquals(200, elsewhere.statusCode(), "other paths stay open");
        assertEquals(401, json.statusCode());
        assertEquals("reverification_required", Browser.json(json).get("error").asText());
        assertEquals("verified", browser.status().get("state").asText(), "the state stays verified");

        HttpResponse<String> verified = browser.post("/2fa/api/verify", "{\"code\": \"" + code(secret, 0) + "\"}");
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("/transfer/now", Browser.json(verified).get("redirect").asText(), "back to the step-up path");
        assertEquals(200, page(browser, "/transfer/now").statusCode());
    }

    @Test
    void stepUpWhenSignedInByTrustedDeviceThenACodeIsStillNeeded() throws Exception {
        Browser first = new Browser(app);
        OtpSecret secret = enrol(first);
        Browser trusted = new Browser(app);
        trusted.login("alice");
        assertEquals(200, trusted.post("/2fa/api/verify", "{\"code\": \"" + code(secret, 0)
                + "\", \"trustDevice\": true}").statusCode());
        String cookie = trusted.cookie("twostep_trust");
        app.clock.advance(Duration.ofSeconds(30));

        Browser again = new Browser(app);
        again.adoptTrustCookie(cookie);
        assertEquals("verified", Browser.json(again.login("alice")).get("state").asText());

        assertEquals(200, page(again, "/protected").statusCode());
        assertEquals(302, page(again, "/transfer/now").statusCode(), "a trust-cookie sign-in enters no code");
    }

    @Test
    void stepUpWhenUserHasNoSecondFactorThenSetUpForStepUpPathsOnly() throws Exception {
        Browser browser = new Browser(app);
        assertEquals("optional", Browser.json(browser.login("alice")).get("state").asText());

        HttpResponse<String> held = page(browser, "/transfer/now");
        HttpResponse<String> json = api(browser, "/transfer/now");

        assertEquals(302, held.statusCode());
        assertTrue(held.headers().firstValue("Location").orElse("").endsWith("/2fa/setup"));
        assertEquals("enrollment_required", Browser.json(json).get("error").asText());
        assertEquals(200, page(browser, "/protected").statusCode(), "opt-in everywhere else");
    }

    @Test
    void stepUpWhenUserIsExemptThenNeverAsked() throws Exception {
        Browser browser = new Browser(app);
        assertEquals("exempt", Browser.json(browser.login("carol")).get("state").asText());

        assertEquals(200, page(browser, "/transfer/now").statusCode());
    }
}
