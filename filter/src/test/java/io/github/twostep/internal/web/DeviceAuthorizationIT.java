package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.github.twostep.audit.AuditEvent;
import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import java.io.IOException;
import java.net.HttpCookie;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Device authorisation (seed 000): every new browser needs an emailed code once, even without 2FA. */
class DeviceAuthorizationIT {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private TestApp app;

    @BeforeEach
    void start() throws Exception {
        app = new TestApp(TestApp.settings("""
                "deviceAuthorization": {"enabled": true, "days": 30},
                "smtp": {"host": "127.0.0.1", "port": %d, "starttls": false, "from": "no-reply@example.com",
                         "timeoutSeconds": 5}""".formatted(SMTP.getSmtp().getPort())));
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    private String authorise(Browser browser, int mails) throws Exception {
        assertEquals(202, browser.post("/2fa/api/send", "{\"method\": \"email\"}").statusCode());
        assertTrue(SMTP.waitForIncomingEmail(10_000, mails));
        String body = GreenMailUtil.getBody(SMTP.getReceivedMessages()[mails - 1]);
        Matcher code = Pattern.compile("\\b\\d{6}\\b").matcher(body);
        assertTrue(code.find());
        assertEquals(200, browser.post("/2fa/api/verify", "{\"code\": \"" + code.group() + "\"}").statusCode());
        return browser.cookie("twostep_trust");
    }

    @Test
    void signInWhenNewBrowserThenEmailedCodeOnceThenAuthorised() throws Exception {
        Browser browser = new Browser(app);

        assertEquals("challenge", Browser.json(browser.login("bob")).get("state").asText());
        JsonNode status = browser.status();
        assertEquals("email", status.get("methods").get(0).get("method").asText());
        assertEquals("b***@example.com", status.get("methods").get(0).get("to").asText());
        assertEquals(302, browser.get("/protected").statusCode());
        String token = authorise(browser, 1);
        assertNotNull(token);
        assertEquals(200, browser.get("/protected").statusCode());

        Browser sameBrowser = new Browser(app);
        HttpCookie cookie = new HttpCookie("twostep_trust", token);
        cookie.setPath("/");
        cookie.setVersion(0);
        sameBrowser.cookies.getCookieStore().add(URI.create(app.uri("/").toString()), cookie);
        assertEquals("optional", Browser.json(sameBrowser.login("bob")).get("state").asText());
        Browser otherBrowser = new Browser(app);
        assertEquals("challenge", Browser.json(otherBrowser.login("bob")).get("state").asText());
    }

    @Test
    void authoriseWhenBrowserPrefersGermanThenSecurityNoticeInGerman() throws Exception {
        Browser browser = new Browser(app);
        browser.login("bob");
        assertEquals(202, browser.post("/2fa/api/send", "{\"method\": \"email\"}").statusCode());
        assertTrue(SMTP.waitForIncomingEmail(10_000, 1));
        Matcher code = Pattern.compile("\\b\\d{6}\\b").matcher(GreenMailUtil.getBody(SMTP.getReceivedMessages()[0]));
        assertTrue(code.find());

        assertEquals(200, browser.post("/2fa/api/verify", "{\"code\": \"" + code.group() + "\"}",
                "Accept-Language", "de-DE,de;q=0.9,en;q=0.5").statusCode());

        assertTrue(SMTP.waitForIncomingEmail(10_000, 2));
        String subject = SMTP.getReceivedMessages()[1].getSubject();
        assertTrue(subject.startsWith("Ein neues vertrauenswürdiges Gerät für Ihr Konto"), subject);
    }

    @Test
    void revokeWhenAuthorisedBrowserRemovedThenChallengedAgainAfterRecheck() throws Exception {
        Browser browser = new Browser(app);
        browser.login("bob");
        authorise(browser, 1);
        browser.post("/logout", "");
        assertEquals("optional", Browser.json(browser.login("bob")).get("state").asText());
        JsonNode devices = Browser.json(browser.get("/2fa/api/devices"));
        assertEquals(1, devices.size());

        assertEquals(204, browser.delete("/2fa/api/devices/" + devices.get(0).get("id").asText()).statusCode());
        app.clock.advance(Duration.ofSeconds(31));

        assertEquals(302, browser.get("/protected").statusCode());
        assertEquals("challenge", browser.status().get("state").asText());
    }

    @Test
    void deviceCodeWhenUserMustEnrolThenStillMustEnrol() throws Exception {
        app.close();
        app = new TestApp(TestApp.settings("""
                "deviceAuthorization": {"enabled": true}, "setup": {"mode": "required"},
                "smtp": {"host": "127.0.0.1", "port": %d, "starttls": false, "from": "no-reply@example.com",
                         "timeoutSeconds": 5}""".formatted(SMTP.getSmtp().getPort())));
        Browser browser = new Browser(app);
        browser.login("bob");

        authorise(browser, 1);

        assertEquals("enroll", browser.status().get("state").asText());
        assertEquals(302, browser.get("/protected").statusCode());
    }

    @Test
    void authorisedBrowserWhenUserEnrolsThenSecondFactorStillAsked() throws Exception {
        Browser browser = new Browser(app);
        browser.login("alice");
        String token = authorise(browser, 1);
        browser.status();
        JsonNode setup = Browser.json(browser.post("/2fa/api/setup/start",
                "{\"password\": \"alice-password\", \"consent\": true}"));
        OtpSecret secret = OtpSecret.fromBase32(setup.get("secret").asText());
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, app.clock);
        assertEquals(200, browser.post("/2fa/api/setup/confirm", "{\"code\": \""
                + totp.key(secret).generate(totp.currentStep()) + "\", \"methods\": [\"app\"]}").statusCode());

        Browser sameBrowser = new Browser(app);
        HttpCookie cookie = new HttpCookie("twostep_trust", token);
        cookie.setPath("/");
        cookie.setVersion(0);
        sameBrowser.cookies.getCookieStore().add(URI.create(app.uri("/").toString()), cookie);
        assertEquals("challenge", Browser.json(sameBrowser.login("alice")).get("state").asText());
    }

    @Test
    void sendWhenMailServerDownThen503NothingCountedAndUserStillHeld() throws Exception {
        app.close();
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        app = new TestApp(TestApp.settings("""
                "deviceAuthorization": {"enabled": true},
                "smtp": {"host": "127.0.0.1", "port": %d, "starttls": false, "from": "no-reply@example.com",
                         "timeoutSeconds": 2}""".formatted(closedPort)));
        Browser browser = new Browser(app);
        browser.login("bob");

        var first = browser.post("/2fa/api/send", "{\"method\": \"email\"}");
        var second = browser.post("/2fa/api/send", "{\"method\": \"email\"}");

        assertEquals(503, first.statusCode());
        assertEquals("delivery_failed", Browser.json(first).get("error").asText());
        assertEquals(503, second.statusCode(), "a failed send does not count toward the cooldown");
        assertEquals(302, browser.get("/protected").statusCode());
        assertTrue(Engine.of(app.twoStep).accounts().auditTrail("bob", 20).stream().anyMatch(e ->
                e.event() == AuditEvent.Type.CODE_SENT
                        && e.outcome() == AuditEvent.Outcome.FAILURE));
    }

    @Test
    void sendWhenMailServerSilentThenTimesOutWith503AndNothingCounted() throws Exception {
        app.close();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try (var ignored = silent.accept()) {
                    ignored.getInputStream().readAllBytes();
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            app = new TestApp(TestApp.settings("""
                    "deviceAuthorization": {"enabled": true},
                    "smtp": {"host": "127.0.0.1", "port": %d, "starttls": false, "from": "no-reply@example.com",
                             "timeoutSeconds": 1}""".formatted(silent.getLocalPort())));
            Browser browser = new Browser(app);
            browser.login("bob");

            var answer = browser.post("/2fa/api/send", "{\"method\": \"email\"}");

            assertEquals(503, answer.statusCode());
            assertEquals("delivery_failed", Browser.json(answer).get("error").asText());
            assertEquals(null, Engine.of(app.twoStep).accounts().lookup("bob").map(r -> r.messageCode()).orElse(null));
            assertEquals(0, Engine.of(app.twoStep).accounts().lookup("bob").map(r -> r.sendQuota().sendsAt(app.clock.instant()))
                    .orElse(0));
        }
    }

    @Test
    void verifyPageWhenNewBrowserThenSendButtonMailsCodeAndCodeAuthorises() throws Exception {
        try (HtmlBrowser browser = new HtmlBrowser(app::uri)) {
            HtmlPage verify = HtmlBrowser.html(browser.logIn("bob"));
            assertEquals("/2fa/verify", HtmlBrowser.path(verify));
            HtmlForm send = verify.getForms().stream().filter(f -> !f.getInputsByName("send").isEmpty()).findFirst()
                    .orElseThrow(() -> new AssertionError(verify.asXml()));
            assertTrue(send.asNormalizedText().contains("b***@example.com"), send.asNormalizedText());

            HtmlPage sent = HtmlBrowser.html(HtmlBrowser.submit(send));

            assertTrue(sent.asNormalizedText().contains("We sent a code to b***@example.com"), sent.asNormalizedText());
            HtmlForm sendAgain = sent.getForms().stream().filter(f -> !f.getInputsByName("send").isEmpty())
                    .findFirst().orElseThrow();
            HtmlPage wait = HtmlBrowser.html(HtmlBrowser.submit(sendAgain));
            assertTrue(wait.asNormalizedText().contains("Please wait"), wait.asNormalizedText());
            assertTrue(SMTP.waitForIncomingEmail(10_000, 1));
            Matcher code = Pattern.compile("\\b\\d{6}\\b").matcher(GreenMailUtil.getBody(SMTP.getReceivedMessages()[0]));
            assertTrue(code.find());
            HtmlForm form = HtmlBrowser.form(wait, "/2fa/verify");
            HtmlBrowser.input(form, "code").setValue(code.group());
            assertEquals("/", HtmlBrowser.path(HtmlBrowser.submit(form)));
        }
    }
}
