package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #14.1 for password-less sign-in, where the emailed code is the password:
 * {@code login.throttle} counts wrong codes per name, refuses codes (the right one too) and new
 * sign-ins inside the delay with 429, and treats a name nobody has exactly like a user's.
 * The lock on the second factor is set far away here so that only the throttle answers.
 */
class PasswordlessThrottleIT {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private TestApp app;

    @BeforeEach
    void start() throws Exception {
        app = new TestApp("""
                {"login": {"mode": "builtin", "throttle": {"freeAttempts": 3, "maxDelayMinutes": 15}},
                 "exempt": {"roles": ["api"], "paths": ["/", "/static/*"]},
                 "store": {"type": "jdbc", "jdbc": {"url": "jdbc:h2:mem:unused"}, "key": "${env:KEY}"},
                 "lockout": {"maxFailedAttempts": 20, "minutes": 15},
                 "setup": {"mode": "auto", "methods": ["email"]}, "disableLoginPassword": true,
                 "trustThisDevice": 0,
                 "smtp": {"host": "127.0.0.1", "port": %d, "starttls": false, "from": "no-reply@example.com",
                          "timeoutSeconds": 5}}
                """.formatted(SMTP.getSmtp().getPort()));
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    /** Signs {@code name} in password-less and sends four wrong codes; answers every status seen. */
    private List<String> fourWrongCodes(Browser browser, String name) throws Exception {
        List<String> seen = new ArrayList<>();
        seen.add(String.valueOf(browser.post("/2fa/api/login", "{\"username\": \"" + name + "\"}").statusCode()));
        browser.status();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> wrong = browser.post("/2fa/api/verify", "{\"code\": \"000000\"}");
            seen.add(wrong.statusCode() + (wrong.statusCode() == 429
                    ? " " + Browser.json(wrong).get("error").asText() + " retry " + wrong.headers()
                            .firstValue("Retry-After").orElse("none") : ""));
        }
        return seen;
    }

    @Test
    void verifyWhenWrongCodesPastFreeAttemptsThenThrottledAlikeForKnownAndUnknownNames() throws Exception {
        List<String> known = fourWrongCodes(new Browser(app), "alice");
        List<String> unknown = fourWrongCodes(new Browser(app), "nobody");

        assertEquals(List.of("200", "401", "401", "401", "429 too_many_requests retry 1"), known,
                "three codes are checked, the fourth waits the first delay");
        assertEquals(known, unknown, "a name nobody has is answered exactly like a user's");
    }

    @Test
    void verifyWhenThrottledThenEvenTheRightCodeWaitsAndLoginWaitsAndAfterTheDelayTheRightCodeSignsIn()
            throws Exception {
        Browser alice = new Browser(app);
        fourWrongCodes(alice, "alice");
        assertTrue(SMTP.waitForIncomingEmail(10_000, 1));
        String code = codeIn(SMTP.getReceivedMessages()[0]);

        HttpResponse<String> right = alice.post("/2fa/api/verify", "{\"code\": \"" + code + "\"}");
        assertEquals(429, right.statusCode(), "inside the delay the right code is not checked either");
        HttpResponse<String> again = new Browser(app).post("/2fa/api/login", "{\"username\": \"Alice\"}");
        assertEquals(429, again.statusCode(), "a new sign-in for the name (case-folded) waits too");
        assertEquals("too_many_requests", Browser.json(again).get("error").asText());
        assertEquals(1, SMTP.getReceivedMessages().length, "no code is sent while the name waits");

        app.clock.advance(Duration.ofSeconds(2));
        HttpResponse<String> signedIn = alice.post("/2fa/api/verify", "{\"code\": \"" + code + "\"}");
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        assertEquals("app:/protected:alice:admin=false", alice.get("/protected").body());
        assertEquals(200, new Browser(app).post("/2fa/api/login", "{\"username\": \"alice\"}").statusCode(),
                "a right code resets the count");
    }

    @Test
    void verifyPageWhenThrottledThen429WithTheWaitInWords() throws Exception {
        Browser alice = new Browser(app);
        fourWrongCodes(alice, "alice");

        String csrf = alice.status().get("csrfToken").asText();
        HttpResponse<String> page = alice.send(HttpRequest.newBuilder(app.uri("/2fa/verify"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=123456&_csrf=" + csrf)).build());

        assertEquals(429, page.statusCode());
        assertEquals("1", page.headers().firstValue("Retry-After").orElse(""));
        assertTrue(page.body().contains("second"), page.body());
    }

    @Test
    void verifyWhenTwentyWrongCodesRaceThenExactlyTheFreeAttemptsAreChecked() throws Exception {
        Browser nobody = new Browser(app);
        nobody.post("/2fa/api/login", "{\"username\": \"alice\"}");
        nobody.status();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return nobody.post("/2fa/api/verify", "{\"code\": \"000000\"}").statusCode();
                }));
            }
            go.countDown();
            Map<Integer, Integer> counts = new TreeMap<>();
            for (Future<Integer> answer : answers) {
                counts.merge(answer.get(30, TimeUnit.SECONDS), 1, Integer::sum);
            }

            assertEquals(Map.of(401, 3, 429, 17), counts, "each attempt is counted before its code is checked");
        } finally {
            pool.shutdownNow();
        }
    }

    private static String codeIn(MimeMessage message) throws Exception {
        Object content = message.getContent();
        String text = content instanceof String s ? s
                : (String) ((jakarta.mail.internet.MimeMultipart) content).getBodyPart(0).getContent();
        Matcher code = Pattern.compile("\\b\\d{6}\\b").matcher(text);
        assertTrue(code.find(), "no code in the email");
        return code.group();
    }
}
