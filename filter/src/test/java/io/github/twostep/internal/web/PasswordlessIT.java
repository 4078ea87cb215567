package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Password-less sign-in (the emailed code is the login) with real SMTP through GreenMail. */
class PasswordlessIT {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private TestApp app;

    @BeforeEach
    void start() throws Exception {
        app = new TestApp(TestApp.settings("""
                "setup": {"mode": "auto", "methods": ["email"]}, "disableLoginPassword": true,
                "trustThisDevice": 0, "paths": {"publicUrl": "https://app.example.com"},
                "smtp": {"host": "127.0.0.1", "port": %d, "starttls": false, "from": "no-reply@example.com",
                         "timeoutSeconds": 5}""".formatted(SMTP.getSmtp().getPort())));
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    private static String plainText(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof String text) {
            return text;
        }
        MimeMultipart parts = (MimeMultipart) content;
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType("text/plain")) {
                return (String) parts.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no plain-text part");
    }

    private static String codeIn(MimeMessage message) throws Exception {
        Matcher code = Pattern.compile("\\b\\d{6}\\b").matcher(plainText(message));
        assertTrue(code.find(), "no code in the email");
        return code.group();
    }

    @Test
    void loginWhenKnownUserThenCodeByEmailIsTheLogin() throws Exception {
        Browser browser = new Browser(app);

        HttpResponse<String> login = browser.post("/2fa/api/login", "{\"username\": \"alice\"}");

        assertEquals("challenge", Browser.json(login).get("state").asText());
        assertTrue(SMTP.waitForIncomingEmail(10_000, 1));
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertEquals("alice@example.com", mail.getAllRecipients()[0].toString());
        assertEquals(302, browser.get("/protected").statusCode());
        browser.status();
        HttpResponse<String> verified = browser.post("/2fa/api/verify", "{\"code\": \"" + codeIn(mail) + "\"}");
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("app:/protected:alice:admin=false", browser.get("/protected").body());
    }

    @Test
    void loginWhenUnknownUserThenSameAnswersAndNothingSent() throws Exception {
        Browser known = new Browser(app);
        Browser unknown = new Browser(app);

        HttpResponse<String> a = known.post("/2fa/api/login", "{\"username\": \"alice\"}");
        HttpResponse<String> b = unknown.post("/2fa/api/login", "{\"username\": \"nobody\"}");

        assertEquals(a.statusCode(), b.statusCode());
        assertEquals(Browser.json(a).get("state"), Browser.json(b).get("state"));
        assertEquals(fieldNames(Browser.json(a)), fieldNames(Browser.json(b)));
        assertEquals(cookieNames(a), cookieNames(b));
        JsonNode statusA = known.status();
        JsonNode statusB = unknown.status();
        assertEquals(statusA.get("state"), statusB.get("state"));
        assertEquals(statusA.get("methods"), statusB.get("methods"));
        assertEquals(statusA.get("enrolled"), statusB.get("enrolled"));
        HttpResponse<String> sendA = known.post("/2fa/api/send", "{\"method\": \"email\"}");
        HttpResponse<String> sendB = unknown.post("/2fa/api/send", "{\"method\": \"email\"}");
        assertEquals(sendA.statusCode(), sendB.statusCode());
        assertEquals(sendA.body(), sendB.body());
        HttpResponse<String> verifyA = known.post("/2fa/api/verify", "{\"code\": \"000000\"}");
        HttpResponse<String> verifyB = unknown.post("/2fa/api/verify", "{\"code\": \"000000\"}");
        assertEquals(verifyA.statusCode(), verifyB.statusCode());
        assertEquals(verifyA.body(), verifyB.body());
        assertTrue(SMTP.waitForIncomingEmail(10_000, 1));
        for (MimeMessage mail : SMTP.getReceivedMessages()) {
            assertEquals("alice@example.com", mail.getAllRecipients()[0].toString());
        }
        assertEquals(302, unknown.get("/protected").statusCode());
    }

    @Test
    void loginWhenExemptUserThenStillNeedsTheCode() throws Exception {
        Browser carol = new Browser(app);

        carol.post("/2fa/api/login", "{\"username\": \"carol\"}");

        assertEquals("challenge", carol.status().get("state").asText());
        assertEquals(302, carol.get("/protected").statusCode());
        assertTrue(SMTP.waitForIncomingEmail(10_000, 1));
        carol.status();
        assertEquals(200, carol.post("/2fa/api/verify", "{\"code\": \"" + codeIn(SMTP.getReceivedMessages()[0])
                + "\"}").statusCode());
        assertEquals(200, carol.get("/protected").statusCode());
    }

    @Test
    void notMeLinkWhenFollowedThenSignInBlockedAndCodeVoid() throws Exception {
        Browser alice = new Browser(app);
        alice.post("/2fa/api/login", "{\"username\": \"alice\"}");
        assertTrue(SMTP.waitForIncomingEmail(10_000, 1));
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        Matcher link = Pattern.compile("https?://\\S+/2fa/not-me\\?t=\\S+").matcher(plainText(mail));
        assertTrue(link.find(), plainText(mail));
        URI uri = URI.create(link.group());

        Browser stranger = new Browser(app);
        HttpResponse<String> page = stranger.get(uri.getRawPath() + "?" + uri.getRawQuery());
        assertEquals(200, page.statusCode());
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        Matcher token = Pattern.compile("name=\"t\" value=\"([^\"]+)\"").matcher(page.body());
        assertTrue(csrf.find() && token.find(), page.body());
        HttpResponse<String> done = stranger.send(HttpRequest.newBuilder(app.uri("/2fa/not-me"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1) + "&t=" + token.group(1))).build());

        assertEquals(200, done.statusCode());
        assertTrue(done.body().contains("Sign-in with a code is blocked"), done.body());
        Matcher csrfAgain = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(
                stranger.get(uri.getRawPath() + "?" + uri.getRawQuery()).body());
        assertTrue(csrfAgain.find());
        HttpResponse<String> reused = stranger.send(HttpRequest.newBuilder(app.uri("/2fa/not-me"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrfAgain.group(1) + "&t=" + token.group(1)))
                .build());
        assertTrue(reused.body().contains("not valid"), "a link works once: " + reused.body());
        alice.status();
        HttpResponse<String> verify = alice.post("/2fa/api/verify", "{\"code\": \"" + codeIn(mail) + "\"}");
        assertEquals(423, verify.statusCode(), verify.body());
        HttpResponse<String> forged = stranger.send(HttpRequest.newBuilder(app.uri("/2fa/not-me"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1) + "&t=" + token.group(1) + "x"))
                .build());
        assertTrue(forged.body().contains("not valid"), forged.body());
    }

    @Test
    void notMeLinkWhenPublicUrlSetThenBuiltOnItNotOnTheRequestHost() throws Exception {
        app.close();
        app = new TestApp(TestApp.settings("""
                "setup": {"mode": "auto", "methods": ["email"]}, "disableLoginPassword": true,
                "trustThisDevice": 0, "paths": {"publicUrl": "https://app.example.com/shop"},
                "smtp": {"host": "127.0.0.1", "port": %d, "starttls": false, "from": "no-reply@example.com",
                         "timeoutSeconds": 5}""".formatted(SMTP.getSmtp().getPort())));
        new Browser(app).post("/2fa/api/login", "{\"username\": \"alice\"}");

        assertTrue(SMTP.waitForIncomingEmail(10_000, 1));
        String text = plainText(SMTP.getReceivedMessages()[0]);
        assertTrue(text.contains("https://app.example.com/shop/2fa/not-me?t="), text);
    }

    @Test
    void codeEmailWhenPublicUrlUnsetThenNoLinkAtAll() throws Exception {
        app.close();
        app = new TestApp(TestApp.settings("""
                "setup": {"mode": "auto", "methods": ["email"]}, "disableLoginPassword": true,
                "trustThisDevice": 0,
                "smtp": {"host": "127.0.0.1", "port": %d, "starttls": false, "from": "no-reply@example.com",
                         "timeoutSeconds": 5}""".formatted(SMTP.getSmtp().getPort())));
        new Browser(app).post("/2fa/api/login", "{\"username\": \"alice\"}");

        assertTrue(SMTP.waitForIncomingEmail(10_000, 1));
        String text = plainText(SMTP.getReceivedMessages()[0]);
        codeIn(SMTP.getReceivedMessages()[0]);
        assertFalse(text.contains("not-me"), text);
        assertFalse(text.contains("http"), text);
    }

    @Test
    void wrongCodesWhenKnownOrUnknownNameThenSameLockAndCooldownAnswers() throws Exception {
        Browser known = new Browser(app);
        Browser unknown = new Browser(app);
        known.post("/2fa/api/login", "{\"username\": \"bob\"}");
        unknown.post("/2fa/api/login", "{\"username\": \"nobody-at-all\"}");
        assertTrue(SMTP.waitForIncomingEmail(10_000, 1));
        known.status();
        unknown.status();

        List<Integer> knownStatuses = new java.util.ArrayList<>();
        List<Integer> unknownStatuses = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            if (i == 5) {
                // the fifth wrong code also started login.throttle's first delay (PasswordlessThrottleIT); past it, the lock answers
                app.clock.advance(java.time.Duration.ofSeconds(2));
            }
            knownStatuses.add(known.post("/2fa/api/verify", "{\"code\": \"00000" + i + "\"}").statusCode());
            unknownStatuses.add(unknown.post("/2fa/api/verify", "{\"code\": \"00000" + i + "\"}").statusCode());
        }
        app.clock.advance(java.time.Duration.ofSeconds(10));
        Browser second = new Browser(app);
        second.post("/2fa/api/login", "{\"username\": \"nobody-at-all\"}");
        second.status();
        HttpResponse<String> ghostSend = second.post("/2fa/api/send", "{\"method\": \"email\"}");
        HttpResponse<String> realSend = known.post("/2fa/api/send", "{\"method\": \"email\"}");

        assertEquals(List.of(401, 401, 401, 401, 401, 423), knownStatuses);
        assertEquals(knownStatuses, unknownStatuses);
        assertEquals(realSend.statusCode(), ghostSend.statusCode());
    }

    @Test
    void sendWhenKnownNameHasNoEmailThenAnsweredLikeAnUnknownName() throws Exception {
        try (var c = app.db.getConnection()) {
            c.createStatement().executeUpdate("UPDATE users SET email = NULL WHERE username = 'bob'");
        }
        Browser known = new Browser(app);
        Browser unknown = new Browser(app);
        known.post("/2fa/api/login", "{\"username\": \"bob\"}");
        unknown.post("/2fa/api/login", "{\"username\": \"nobody-at-all\"}");
        known.status();
        unknown.status();
        app.clock.advance(java.time.Duration.ofSeconds(31));

        List<Integer> knownStatuses = new java.util.ArrayList<>();
        List<Integer> unknownStatuses = new java.util.ArrayList<>();
        List<String> knownBodies = new java.util.ArrayList<>();
        List<String> unknownBodies = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> a = known.post("/2fa/api/send", "{\"method\": \"email\"}");
            HttpResponse<String> b = unknown.post("/2fa/api/send", "{\"method\": \"email\"}");
            knownStatuses.add(a.statusCode());
            unknownStatuses.add(b.statusCode());
            knownBodies.add(a.body());
            unknownBodies.add(b.body());
        }

        assertEquals(List.of(202, 429), unknownStatuses);
        assertEquals(unknownStatuses, knownStatuses, "no 409 no_contact that would tell the name is real");
        assertEquals(unknownBodies, knownBodies);
    }

    @Test
    void sendWhenMailServerDownThenKnownNameAnsweredLikeAnUnknownName() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (TestApp down = new TestApp(TestApp.settings("""
                "setup": {"mode": "auto", "methods": ["email"]}, "disableLoginPassword": true,
                "trustThisDevice": 0, "messageCode": {"resendSeconds": 0},
                "smtp": {"host": "127.0.0.1", "port": %d, "starttls": false, "from": "no-reply@example.com",
                         "timeoutSeconds": 5}""".formatted(closedPort)))) {
            Browser known = new Browser(down);
            Browser unknown = new Browser(down);
            known.post("/2fa/api/login", "{\"username\": \"alice\"}");
            unknown.post("/2fa/api/login", "{\"username\": \"nobody-at-all\"}");
            known.status();
            unknown.status();

            HttpResponse<String> a = known.post("/2fa/api/send", "{\"method\": \"email\"}");
            HttpResponse<String> b = unknown.post("/2fa/api/send", "{\"method\": \"email\"}");

            assertEquals(202, b.statusCode(), b.body());
            assertEquals(b.statusCode(), a.statusCode(), "no 503 delivery_failed that would tell the name is real");
            assertEquals(b.body(), a.body());
        }
    }

    @Test
    void answersWhenAnyNameThenHeldToTheCommonFloor() throws Exception {
        try (var c = app.db.getConnection()) {
            c.createStatement().executeUpdate("UPDATE users SET email = NULL WHERE username = 'bob'");
        }
        long floor = io.github.twostep.internal.core.AnswerPacing.MINIMUM.toNanos();
        for (String name : List.of("alice", "bob", "nobody-at-all")) {
            for (int round = 0; round < 3; round++) {
                Browser browser = new Browser(app);
                long login = timed(() -> browser.post("/2fa/api/login", "{\"username\": \"" + name + "\"}"));
                browser.status();
                long wrong = timed(() -> browser.post("/2fa/api/verify", "{\"code\": \"000000\"}"));
                app.clock.advance(java.time.Duration.ofSeconds(31));
                long send = timed(() -> browser.post("/2fa/api/send", "{\"method\": \"email\"}"));

                assertTrue(login >= floor, name + ": login answered after " + login / 1000 + " µs");
                assertTrue(wrong >= floor, name + ": wrong code answered after " + wrong / 1000 + " µs");
                assertTrue(send >= floor, name + ": send answered after " + send / 1000 + " µs");
            }
        }
    }

    private interface Call {
        HttpResponse<String> call() throws Exception;
    }

    /** Nanoseconds from sending the request to having the whole answer: at least the server's hold. */
    private static long timed(Call call) throws Exception {
        long start = System.nanoTime();
        call.call();
        return System.nanoTime() - start;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> cookieNames(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .map(c -> c.replaceAll("=[^;]*", "=")).sorted().toList();
    }
}
