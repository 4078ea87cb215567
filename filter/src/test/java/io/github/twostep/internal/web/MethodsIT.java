package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.audit.AuditEvent;
import io.github.twostep.config.Algorithm;
import io.github.twostep.delivery.Channel;
import io.github.twostep.delivery.CodeSender;
import io.github.twostep.delivery.Contacts;
import io.github.twostep.delivery.DevOutbox;
import io.github.twostep.delivery.OutboxEntry;
import io.github.twostep.delivery.RoutingCodeSender;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Changing the methods of a user who has 2FA, over HTTP: SMS is added by proving a texted code,
 * works at the next sign-in, and is removed again; the last method is never removed; changes
 * need a recent code, the CSRF token, and a fully signed-in session.
 */
class MethodsIT {
    private TestApp app;
    private DevOutbox outbox;
    private final Object arrived = new Object();

    @BeforeEach
    void start() throws Exception {
        app = new TestApp(TestApp.settings("""
                "verify": {"app": true, "email": true, "sms": true},
                "delivery": {"sms": "class:%s"}""".formatted(ThemedPagesIT.NoSender.class.getName())),
                builder -> {
                    outbox = new DevOutbox(java.time.Clock.systemUTC());
                    CodeSender watched = message -> {
                        outbox.send(message);
                        synchronized (arrived) {
                            arrived.notifyAll();
                        }
                    };
                    return builder.codeSender(new RoutingCodeSender(watched, watched, watched))
                            .contactResolver(user -> new Contacts(user + "@example.com",
                                    user.equals("bob") ? "+1 555 0100" : null));
                });
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    private String appCode(OtpSecret secret) {
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, app.clock);
        return totp.key(secret).generate(totp.currentStep());
    }

    private OtpSecret enrolWithApp(Browser browser) throws Exception {
        browser.login("bob");
        HttpResponse<String> started = browser.post("/2fa/api/setup/start",
                "{\"password\": \"bob-password\", \"consent\": true}");
        OtpSecret secret = OtpSecret.fromBase32(Browser.json(started).get("secret").asText());
        HttpResponse<String> confirmed = browser.post("/2fa/api/setup/confirm",
                "{\"code\": \"" + appCode(secret) + "\", \"methods\": [\"app\"]}");
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        app.clock.advance(Duration.ofSeconds(30));
        browser.status(); // the CSRF token changes when a code is entered
        return secret;
    }

    private String lastCode(Channel channel) {
        List<OutboxEntry> sent = outbox.messages().stream().filter(m -> m.channel() == channel).toList();
        Matcher code = Pattern.compile("\\b\\d{6}\\b").matcher(sent.get(sent.size() - 1).body());
        assertTrue(code.find(), "a code in the message");
        return code.group();
    }

    /**
     * Waits (at most ten seconds) for a message {@code wanted} matches: security notices go out
     * on the background sender, after the answer of the change they report.
     */
    private OutboxEntry awaitMessage(Predicate<OutboxEntry> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (arrived) {
            while (true) {
                Optional<OutboxEntry> found = outbox.messages().stream().filter(wanted).findFirst();
                long left = deadline - System.nanoTime();
                if (found.isPresent() || left <= 0) {
                    return found.orElseThrow(() -> new AssertionError("no such message: " + outbox.messages()));
                }
                TimeUnit.NANOSECONDS.timedWait(arrived, left);
            }
        }
    }

    private List<String> methods(Browser browser) throws Exception {
        return browser.status().get("methods").findValuesAsText("method");
    }

    private long audited(AuditEvent.Type type, AuditEvent.Outcome outcome) {
        return Engine.of(app.twoStep).accounts().auditTrail("bob", 1000).stream()
                .filter(e -> e.event() == type && e.outcome() == outcome).count();
    }

    @Test
    void methodsWhenSmsAddedByItsCodeThenItSignsInAndCanBeRemovedButNeverTheLastMethod() throws Exception {
        Browser browser = new Browser(app);
        enrolWithApp(browser);

        HttpResponse<String> sent = browser.post("/2fa/api/methods", "{\"method\": \"sms\"}");
        assertEquals(202, sent.statusCode(), sent.body());
        assertTrue(!Browser.json(sent).get("sentTo").asText().contains("555"), "the number is masked");
        String texted = lastCode(Channel.SMS);
        HttpResponse<String> wrong = browser.post("/2fa/api/methods/confirm",
                "{\"method\": \"sms\", \"code\": \"" + (texted.equals("000000") ? "111111" : "000000") + "\"}");
        assertEquals(401, wrong.statusCode());
        assertEquals("invalid_code", Browser.json(wrong).get("error").asText());
        HttpResponse<String> added = browser.post("/2fa/api/methods/confirm",
                "{\"method\": \"sms\", \"code\": \"" + texted + "\"}");
        assertEquals(200, added.statusCode(), added.body());
        assertEquals(List.of("app", "sms"), Browser.json(added).get("methods").findValuesAsText("method"));
        assertEquals(List.of("app", "sms"), methods(browser));
        assertEquals(1, audited(AuditEvent.Type.METHOD_ADDED, AuditEvent.Outcome.SUCCESS));
        awaitMessage(m -> m.channel() == Channel.EMAIL && m.subject().contains("new way to get sign-in codes"));

        app.clock.advance(Duration.ofSeconds(31)); // the resend cooldown
        Browser again = new Browser(app);
        again.login("bob");
        assertEquals("challenge", again.status().get("state").asText());
        assertEquals(202, again.post("/2fa/api/send", "{\"method\": \"sms\"}").statusCode());
        HttpResponse<String> verified = again.post("/2fa/api/verify", "{\"code\": \"" + lastCode(Channel.SMS) + "\"}");
        assertEquals(200, verified.statusCode(), verified.body());
        again.status();

        assertEquals(204, again.delete("/2fa/api/methods/sms").statusCode());
        assertEquals(List.of("app"), methods(again));
        HttpResponse<String> last = again.delete("/2fa/api/methods/app");
        assertEquals(409, last.statusCode());
        assertEquals("last_method", Browser.json(last).get("error").asText());
        assertEquals(404, again.delete("/2fa/api/methods/sms").statusCode());
        assertEquals(List.of("app"), methods(again));
        assertEquals(1, audited(AuditEvent.Type.METHOD_REMOVED, AuditEvent.Outcome.SUCCESS));
        assertEquals("verified", again.status().get("state").asText(), "2FA stays on throughout");
    }

    @Test
    void methodsWhenNoCodeEnteredInFiveMinutesThenReverificationRequired() throws Exception {
        Browser browser = new Browser(app);
        enrolWithApp(browser);
        app.clock.advance(Duration.ofMinutes(6));

        HttpResponse<String> send = browser.post("/2fa/api/methods", "{\"method\": \"sms\"}");
        HttpResponse<String> remove = browser.delete("/2fa/api/methods/app");

        assertEquals(401, send.statusCode());
        assertEquals("reverification_required", Browser.json(send).get("error").asText());
        assertEquals(401, remove.statusCode());
        assertEquals("reverification_required", Browser.json(remove).get("error").asText());
        assertTrue(outbox.messages().stream().noneMatch(m -> m.channel() == Channel.SMS), "nothing sent");
    }

    @Test
    void methodsWhenNotFullySignedInOrWithoutCsrfOrNoPhoneThenRefused() throws Exception {
        Browser browser = new Browser(app);
        enrolWithApp(browser);
        HttpResponse<String> noCsrf = browser.send(HttpRequest.newBuilder(browser.uri("/2fa/api/methods/app"))
                .DELETE().build());
        assertEquals(403, noCsrf.statusCode());
        assertEquals("csrf", Browser.json(noCsrf).get("error").asText());
        assertEquals(400, browser.post("/2fa/api/methods", "{\"method\": \"app\"}").statusCode());
        assertEquals(400, browser.post("/2fa/api/methods", "{\"method\": \"call\"}").statusCode(), "call is off");

        Browser challenged = new Browser(app);
        challenged.login("bob");
        HttpResponse<String> held = challenged.post("/2fa/api/methods", "{\"method\": \"email\"}");
        assertEquals(401, held.statusCode());
        assertEquals("second_factor_required", Browser.json(held).get("error").asText());
        assertEquals(401, challenged.delete("/2fa/api/methods/app").statusCode());
        assertEquals(List.of("app"), methods(browser));

        Browser alice = new Browser(app);
        alice.login("alice");
        HttpResponse<String> notEnrolled = alice.post("/2fa/api/methods", "{\"method\": \"sms\"}");
        assertEquals(409, notEnrolled.statusCode());
        assertEquals("not_enrolled", Browser.json(notEnrolled).get("error").asText());
    }
}
