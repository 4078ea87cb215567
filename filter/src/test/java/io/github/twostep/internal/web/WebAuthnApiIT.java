package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.core.SoftwareAuthenticator;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Security keys over HTTP, with a software authenticator: register as the first factor, verify
 * at the challenge, passkey sign-in, remove; ceremonies single use per session.
 */
class WebAuthnApiIT {
    private static final String ORIGIN = "https://app.example.com";
    private TestApp app;

    @BeforeEach
    void start() throws Exception {
        app = new TestApp(TestApp.settings("\"paths\": {\"publicUrl\": \"" + ORIGIN + "\"},"
                + " \"verify\": {\"webauthn\": {\"enabled\": true, \"passkeyLogin\": true}}"));
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    /** Registers {@code key} for alice as her first factor; answers her key's id. */
    private String registerFirst(Browser browser, SoftwareAuthenticator key) throws Exception {
        browser.login("alice");
        HttpResponse<String> options = browser.post("/2fa/api/webauthn/register/options",
                "{\"password\": \"alice-password\"}");
        assertEquals(200, options.statusCode(), options.body());
        HttpResponse<String> registered = browser.post("/2fa/api/webauthn/register",
                "{\"credential\": " + key.register(options.body()) + ", \"name\": \"Blue key\"}");
        assertEquals(200, registered.statusCode(), registered.body());
        JsonNode body = Browser.json(registered);
        assertTrue(body.get("enabled").asBoolean());
        assertEquals(10, body.get("backupCodes").size());
        assertEquals("Blue key", body.get("key").get("name").asText());
        browser.status();
        return body.get("key").get("id").asText();
    }

    @Test
    void registerWhenFirstFactorThenNextSignInVerifiesWithTheKeyOnce() throws Exception {
        SoftwareAuthenticator key = new SoftwareAuthenticator(ORIGIN, false);
        Browser first = new Browser(app);
        String id = registerFirst(first, key);
        assertEquals("webauthn", first.status().get("methods").get(0).get("method").asText());
        JsonNode keys = Browser.json(first.get("/2fa/api/webauthn/keys"));
        assertEquals(id, keys.get(0).get("id").asText());

        Browser second = new Browser(app);
        second.login("alice");
        assertEquals("challenge", second.status().get("state").asText());
        assertEquals(302, second.get("/protected").statusCode());
        HttpResponse<String> options = second.post("/2fa/api/webauthn/authenticate/options", "");
        assertEquals(200, options.statusCode(), options.body());
        String assertion = key.authenticate(options.body());
        HttpResponse<String> verified = second.post("/2fa/api/webauthn/verify", "{\"credential\": " + assertion + "}");
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("verified", Browser.json(verified).get("state").asText());
        second.status();
        assertEquals(200, second.get("/protected").statusCode());

        assertTrue(second.cookie("twostep_trust") == null, "no trust asked, no cookie");

        Browser third = new Browser(app);
        third.login("alice");
        String trusted = key.authenticate(third.post("/2fa/api/webauthn/authenticate/options", "").body());
        assertEquals(200, third.post("/2fa/api/webauthn/verify",
                "{\"credential\": " + trusted + ", \"trustDevice\": true}").statusCode());
        assertTrue(third.cookie("twostep_trust") != null, "trust this device works with a key too");
        assertEquals(1, Engine.of(app.twoStep).accounts().devices("alice").size());

        HttpResponse<String> replay = second.post("/2fa/api/webauthn/verify", "{\"credential\": " + assertion + "}");
        assertEquals(401, replay.statusCode(), "the ceremony was taken out by the first answer");
        assertEquals("invalid_code", Browser.json(replay).get("error").asText());
    }

    @Test
    void verifyWhenTwentyParallelSubmissionsOfOneAssertionThenExactlyOneSucceeds() throws Exception {
        SoftwareAuthenticator key = new SoftwareAuthenticator(ORIGIN, true);
        registerFirst(new Browser(app), key);
        Browser browser = new Browser(app);
        browser.login("alice");
        String assertion = key.authenticate(browser.post("/2fa/api/webauthn/authenticate/options", "").body());
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return browser.post("/2fa/api/webauthn/verify", "{\"credential\": " + assertion + "}").statusCode();
            }));
        }
        start.countDown();
        int ok = 0;
        for (Future<Integer> answer : answers) {
            ok += answer.get() == 200 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, ok);
    }

    @Test
    void verifyWhenKeyOfAnotherAuthenticatorThenInvalidCodeAndCounted() throws Exception {
        registerFirst(new Browser(app), new SoftwareAuthenticator(ORIGIN, false));
        Browser browser = new Browser(app);
        browser.login("alice");
        SoftwareAuthenticator stranger = new SoftwareAuthenticator(ORIGIN, false);
        String assertion = stranger.authenticate(browser.post("/2fa/api/webauthn/authenticate/options", "").body());
        HttpResponse<String> refused = browser.post("/2fa/api/webauthn/verify", "{\"credential\": " + assertion + "}");
        assertEquals(401, refused.statusCode());
        assertEquals(1, Engine.of(app.twoStep).accounts().summary("alice").failedAttempts());
        assertEquals("challenge", browser.status().get("state").asText());
    }

    @Test
    void passkeyLoginWhenDiscoverableKeyThenSignedInVerifiedWithoutPassword() throws Exception {
        SoftwareAuthenticator passkey = new SoftwareAuthenticator(ORIGIN, true);
        registerFirst(new Browser(app), passkey);
        Browser browser = new Browser(app);
        browser.status();
        HttpResponse<String> options = browser.post("/2fa/api/webauthn/login/options", "");
        assertEquals(200, options.statusCode(), options.body());
        HttpResponse<String> login = browser.post("/2fa/api/webauthn/login",
                "{\"credential\": " + passkey.authenticate(options.body()) + "}");
        assertEquals(200, login.statusCode(), login.body());
        assertEquals("verified", Browser.json(login).get("state").asText());
        assertEquals("alice", browser.status().get("user").asText());
        assertEquals(200, browser.get("/protected").statusCode());

        Browser stranger = new Browser(app);
        stranger.status();
        HttpResponse<String> strangerOptions = stranger.post("/2fa/api/webauthn/login/options", "");
        HttpResponse<String> refused = stranger.post("/2fa/api/webauthn/login",
                "{\"credential\": " + new SoftwareAuthenticator(ORIGIN, true).authenticate(strangerOptions.body()) + "}");
        assertEquals(401, refused.statusCode());
        assertEquals("invalid_credentials", Browser.json(refused).get("error").asText());
    }

    @Test
    void removeWhenOnlyFactorOrNotRecentThenRefusedElseNoContent() throws Exception {
        Browser browser = new Browser(app);
        String first = registerFirst(browser, new SoftwareAuthenticator(ORIGIN, false));
        assertEquals(409, browser.delete("/2fa/api/webauthn/keys/" + first).statusCode());
        HttpResponse<String> options = browser.post("/2fa/api/webauthn/register/options", "{}");
        assertEquals(200, options.statusCode(), "enrolled and verified just now: no password asked");
        String second = Browser.json(browser.post("/2fa/api/webauthn/register", "{\"credential\": "
                + new SoftwareAuthenticator(ORIGIN, false).register(options.body()) + "}")).get("key").get("id").asText();
        HttpResponse<String> renamed = browser.post("/2fa/api/webauthn/keys/" + second, "{\"name\": \"Spare\"}");
        assertEquals("Spare", Browser.json(renamed).get("name").asText());

        app.clock.advance(Duration.ofMinutes(6));
        HttpResponse<String> stale = browser.delete("/2fa/api/webauthn/keys/" + first);
        assertEquals(401, stale.statusCode());
        assertEquals("reverification_required", Browser.json(stale).get("error").asText());
    }

    @Test
    void adminWhenUserHasKeysThenApiAndPageShowThemAndResetRemovesThem() throws Exception {
        registerFirst(new Browser(app), new SoftwareAuthenticator(ORIGIN, false));
        Browser admin = new Browser(app);
        admin.login("admin");
        JsonNode user = Browser.json(admin.get("/2fa/admin/api/users/alice"));
        assertEquals("webauthn", user.get("methods").get(0).asText());
        assertEquals(1, user.get("keys").asInt());
        HttpResponse<String> page = admin.get("/2fa/admin?user=alice");
        assertTrue(page.body().contains("Blue key"), "the admin page lists the key by name");

        assertEquals(200, admin.post("/2fa/admin/api/users/alice/reset", "{}").statusCode());
        assertEquals(0, Browser.json(admin.get("/2fa/admin/api/users/alice")).get("keys").asInt());
        assertTrue(Engine.of(app.twoStep).accounts().securityKeys("alice").isEmpty());
    }

    @Test
    void authenticateOptionsWhenPasswordlessNameUnknownOrWithoutKeysThenSameAnswer() throws Exception {
        try (TestApp passwordless = new TestApp(TestApp.settings("\"setup\": {\"mode\": \"auto\", \"methods\":"
                + " [\"email\"]}, \"disableLoginPassword\": true, \"paths\": {\"publicUrl\": \"" + ORIGIN + "\"},"
                + " \"verify\": {\"webauthn\": {\"enabled\": true}}"))) {
            List<String> answers = new ArrayList<>();
            for (String name : new String[] {"bob", "nobody-at-all"}) {
                Browser browser = new Browser(passwordless);
                browser.status();
                assertEquals(200, browser.post("/2fa/api/login", "{\"username\": \"" + name + "\"}").statusCode());
                browser.status();
                HttpResponse<String> options = browser.post("/2fa/api/webauthn/authenticate/options", "");
                answers.add(options.statusCode() + " " + options.body());
            }
            assertEquals(List.of("409 {\"error\":\"no_keys\"}", "409 {\"error\":\"no_keys\"}"), answers,
                    "a name no user has answers as a user without keys");
        }
    }

    @Test
    void authenticateOptionsWhenPasswordlessNameHasKeysThenSameAnswerAsEveryOtherName() throws Exception {
        SoftwareAuthenticator key = new SoftwareAuthenticator(ORIGIN, false);
        registerFirst(new Browser(app), key);
        String aliceRecord;
        try (var c = app.db.getConnection(); var read = c.prepareStatement(
                "SELECT comment FROM users WHERE username = 'alice'")) {
            var rows = read.executeQuery();
            assertTrue(rows.next());
            aliceRecord = rows.getString(1);
        }
        try (TestApp passwordless = new TestApp(TestApp.settings("\"setup\": {\"mode\": \"auto\", \"methods\":"
                + " [\"email\"]}, \"disableLoginPassword\": true, \"paths\": {\"publicUrl\": \"" + ORIGIN + "\"},"
                + " \"verify\": {\"webauthn\": {\"enabled\": true}}"))) {
            try (var c = passwordless.db.getConnection(); var write = c.prepareStatement(
                    "UPDATE users SET comment = ? WHERE username = 'alice'")) {
                write.setString(1, aliceRecord); // the same store key: alice now has her key here too
                assertEquals(1, write.executeUpdate());
            }
            assertEquals(1, Engine.of(passwordless.twoStep).accounts().securityKeys("alice").size());
            List<String> answers = new ArrayList<>();
            for (String name : new String[] {"alice", "bob", "nobody-at-all"}) {
                Browser browser = new Browser(passwordless);
                browser.status();
                assertEquals(200, browser.post("/2fa/api/login", "{\"username\": \"" + name + "\"}").statusCode());
                browser.status();
                HttpResponse<String> options = browser.post("/2fa/api/webauthn/authenticate/options", "");
                HttpResponse<String> verified = browser.post("/2fa/api/webauthn/verify",
                        "{\"credential\": {\"id\": \"AAAA\", \"type\": \"public-key\"}}");
                answers.add(options.statusCode() + " " + options.body() + " / " + verified.statusCode() + " "
                        + verified.body());
            }

            String refused = "409 {\"error\":\"no_keys\"} / 401 {\"error\":\"invalid_code\"}";
            assertEquals(List.of(refused, refused, refused), answers,
                    "no key step before the emailed code: a user with keys answers as every other name");
        }
    }

    @Test
    void callsWhenNoCsrfTokenOrWebAuthnOffThenRefused() throws Exception {
        Browser browser = new Browser(app);
        browser.login("alice");
        HttpResponse<String> noToken = browser.send(HttpRequest.newBuilder(app.uri("/2fa/api/webauthn/register/options"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(403, noToken.statusCode());

        try (TestApp off = new TestApp(TestApp.settings(""))) {
            Browser other = new Browser(off);
            other.login("alice");
            HttpResponse<String> answer = other.post("/2fa/api/webauthn/register/options", "{}");
            assertEquals(404, answer.statusCode());
            assertEquals("not_found", Browser.json(answer).get("error").asText());
        }
    }
}
