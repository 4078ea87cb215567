package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TwoStepFilterIT {
    private TestApp app;

    @BeforeEach
    void start() throws Exception {
        app = new TestApp(TestApp.settings("\"lockout\": {\"maxFailedAttempts\": 5, \"minutes\": 15}"));
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    private String code(OtpSecret secret, int offset) {
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, app.clock);
        return totp.key(secret).generate(totp.currentStep() + offset);
    }

    /** Signs alice in and enrols her with the app; answers her secret. */
    private OtpSecret enrol(Browser browser) throws Exception {
        assertEquals("optional", Browser.json(browser.login("alice")).get("state").asText());
        HttpResponse<String> started = browser.post("/2fa/api/setup/start",
                "{\"password\": \"alice-password\", \"consent\": true}");
        assertEquals(200, started.statusCode(), started.body());
        JsonNode setup = Browser.json(started);
        assertTrue(setup.get("qrPng").asText().startsWith("data:image/png;base64,"));
        assertEquals(3, setup.get("authenticators").size());
        OtpSecret secret = OtpSecret.fromBase32(setup.get("secret").asText());
        HttpResponse<String> confirmed = browser.post("/2fa/api/setup/confirm",
                "{\"code\": \"" + code(secret, 0) + "\", \"methods\": [\"app\"]}");
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        assertEquals(10, Browser.json(confirmed).get("backupCodes").size());
        app.clock.advance(Duration.ofSeconds(30));
        return secret;
    }

    /** A fresh browser signed in as alice and held at the challenge. */
    private Browser challenged() throws Exception {
        Browser browser = new Browser(app);
        assertEquals("challenge", Browser.json(browser.login("alice")).get("state").asText());
        return browser;
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "12345", "de-DE;q=x", "x-private", ";;;", "de-DE,de;q=0.9"})
    void verifyWhenAcceptLanguageIsAnythingThenVerifiedAndOnlyALanguageCodeRemembered(String acceptLanguage)
            throws Exception {
        OtpSecret secret = enrol(new Browser(app));
        app.clock.advance(Duration.ofSeconds(30));
        Browser browser = challenged();

        HttpResponse<String> verified = browser.post("/2fa/api/verify", "{\"code\": \"" + code(secret, 0) + "\"}",
                "Accept-Language", acceptLanguage);

        assertEquals(200, verified.statusCode(), verified.body());
        String remembered = Engine.of(app.twoStep).accounts().lookup("alice").orElseThrow().language();
        assertTrue(remembered == null || remembered.matches("[a-z]{2,3}"), remembered);
        if (acceptLanguage.startsWith("de-DE,")) {
            assertEquals("de", remembered);
        }
    }

    @Test
    void protectedPageWhenAnonymousThenRedirectedToLogin() throws Exception {
        HttpResponse<String> page = new Browser(app).get("/protected");

        assertEquals(302, page.statusCode());
        assertTrue(page.headers().firstValue("Location").orElseThrow().endsWith("/login"));
    }

    @Test
    void loginWhenNoCsrfTokenThen403AndNothingChanges() throws Exception {
        Browser browser = new Browser(app);
        browser.status();
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(app.uri("/2fa/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"alice-password\"}"))
                .build());

        assertEquals(403, answer.statusCode());
        assertEquals("csrf", Browser.json(answer).get("error").asText());
        assertEquals("anonymous", browser.status().get("state").asText());
    }

    @Test
    void loginWhenWrongPasswordOrUnknownUserThenSameAnswer() throws Exception {
        Browser browser = new Browser(app);

        HttpResponse<String> wrong = browser.post("/2fa/api/login", "{\"username\":\"alice\",\"password\":\"x\"}");
        HttpResponse<String> unknown = browser.post("/2fa/api/login", "{\"username\":\"zed\",\"password\":\"x\"}");

        assertEquals(401, wrong.statusCode());
        assertEquals(wrong.statusCode(), unknown.statusCode());
        assertEquals(wrong.body(), unknown.body());
        assertEquals("{\"error\":\"invalid_credentials\"}", wrong.body());
    }

    @Test
    void protectedPageWhenOptionalUserThenAppSeesUser() throws Exception {
        Browser browser = new Browser(app);
        browser.login("alice");

        HttpResponse<String> page = browser.get("/protected");

        assertEquals(200, page.statusCode());
        assertEquals("app:/protected:alice:admin=false", page.body());
    }

    @Test
    void enrolThenSignInAgainThenChallengedUntilCodeProven() throws Exception {
        OtpSecret secret = enrol(new Browser(app));
        Browser browser = challenged();

        HttpResponse<String> page = browser.get("/protected");
        assertEquals(302, page.statusCode());
        assertTrue(page.headers().firstValue("Location").orElseThrow().endsWith("/2fa/verify"));
        String sessionBefore = browser.cookie("JSESSIONID");

        HttpResponse<String> verified = browser.post("/2fa/api/verify", "{\"code\": \"" + code(secret, 0) + "\"}");

        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("verified", Browser.json(verified).get("state").asText());
        assertEquals("/protected", Browser.json(verified).get("redirect").asText());
        assertFalse(Browser.json(verified).has("clockDriftSeconds"));
        assertNotEquals(sessionBefore, browser.cookie("JSESSIONID"));
        browser.status();
        assertEquals("app:/protected:alice:admin=false", browser.get("/protected").body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/protected", "/protected/", "/protected;jsessionid=abc", "//protected",
        "/static/../protected", "/static/%2e%2e/protected", "/./protected", "/2fa/api/devices",
        "/2fa/../protected", "/2fa/static/../../protected", "/PROTECTED", "/static%2f..%2fprotected"})
    void challengedSessionWhenPathTrickThenAppNeverReached(String path) throws Exception {
        enrol(new Browser(app));
        Browser browser = challenged();

        for (String method : List.of("GET", "HEAD", "OPTIONS", "POST", "DELETE")) {
            HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(app.uri(path))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build());
            assertFalse(answer.body().startsWith("app:") && !answer.body().startsWith("app:/static")
                    && answer.statusCode() == 200, method + " " + path + " reached the app: " + answer.body());
            assertFalse(answer.body().contains(":alice:"), method + " " + path + " reached the app as alice");
        }
    }

    @Test
    void challengedSessionWhenJsonRequestThen401SecondFactorRequired() throws Exception {
        enrol(new Browser(app));
        Browser browser = challenged();

        HttpResponse<String> api = browser.send(HttpRequest.newBuilder(app.uri("/protected"))
                .header("Accept", "application/json").build());
        HttpResponse<String> devices = browser.get("/2fa/api/devices");
        HttpResponse<String> setup = browser.post("/2fa/api/setup/start",
                "{\"password\": \"alice-password\", \"consent\": true}");

        for (HttpResponse<String> answer : List.of(api, devices, setup)) {
            assertEquals(401, answer.statusCode());
            assertEquals("second_factor_required", Browser.json(answer).get("error").asText());
            assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElseThrow());
        }
    }

    @Test
    void verifyWhenWrongExpiredReplayedOrMalformedThenIdenticalAnswers() throws Exception {
        OtpSecret secret = enrol(new Browser(app));
        Browser first = challenged();
        String used = code(secret, 0);
        assertEquals(200, first.post("/2fa/api/verify", "{\"code\": \"" + used + "\"}").statusCode());
        Browser browser = challenged();

        List<String> bodies = new ArrayList<>();
        for (String code : List.of(used, code(secret, -4), "abc", "1".repeat(200))) {
            HttpResponse<String> answer = browser.post("/2fa/api/verify", "{\"code\": \"" + code + "\"}");
            assertEquals(401, answer.statusCode());
            bodies.add(answer.body());
        }
        HttpResponse<String> noCode = browser.post("/2fa/api/verify", "{}");
        assertEquals(401, noCode.statusCode());
        bodies.add(noCode.body());
        assertTrue(bodies.stream().allMatch("{\"error\":\"invalid_code\"}"::equals), bodies.toString());
        HttpResponse<String> notJson = browser.post("/2fa/api/verify", "not json");
        assertEquals(400, notJson.statusCode(), "a body that is not one JSON object is no attempt at all");
        assertEquals("{\"error\":\"bad_request\"}", notJson.body());
    }

    @Test
    void verifyWhenLockedThenEveryCodeGets423UntilUnlocked() throws Exception {
        OtpSecret secret = enrol(new Browser(app));
        Browser browser = challenged();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, browser.post("/2fa/api/verify", "{\"code\": \"00000" + i + "\"}").statusCode());
        }

        HttpResponse<String> right = browser.post("/2fa/api/verify", "{\"code\": \"" + code(secret, 0) + "\"}");

        assertEquals(423, right.statusCode());
        assertEquals("locked", Browser.json(right).get("error").asText());
        assertEquals(900, Browser.json(right).get("retryAfterSeconds").asLong());
        assertEquals("900", right.headers().firstValue("Retry-After").orElseThrow());
        Browser again = new Browser(app);
        assertEquals("challenge", Browser.json(again.login("alice")).get("state").asText());
        app.clock.advance(Duration.ofMinutes(15));
        assertEquals(200, browser.post("/2fa/api/verify", "{\"code\": \"" + code(secret, 0) + "\"}").statusCode());
    }

    @Test
    void verifyWhenTwentySessionsSubmitOneCodeAtOnceThenExactlyOneSucceeds() throws Exception {
        OtpSecret secret = enrol(new Browser(app));
        List<Browser> browsers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            browsers.add(challenged());
        }
        String code = code(secret, 0);

        List<Integer> statuses = together(browsers.stream().<Callable<Integer>>map(b ->
                () -> b.post("/2fa/api/verify", "{\"code\": \"" + code + "\"}").statusCode()).toList());

        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(19, statuses.stream().filter(s -> s == 401 || s == 423).count(), statuses.toString());
    }

    @Test
    void verifyWhenHundredWrongCodesOverFourSessionsThenOnlyLimitEvaluated() throws Exception {
        enrol(new Browser(app));
        List<Browser> browsers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            browsers.add(challenged());
        }
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Browser browser = browsers.get(i % 4);
            String wrong = String.format("%06d", 100_000 + i);
            calls.add(() -> browser.post("/2fa/api/verify", "{\"code\": \"" + wrong + "\"}").statusCode());
        }

        List<Integer> statuses = together(calls);

        assertEquals(5, statuses.stream().filter(s -> s == 401).count(), statuses.toString());
        assertEquals(95, statuses.stream().filter(s -> s == 423).count(), statuses.toString());
    }

    @Test
    void trustDeviceWhenChosenThenNextSignInSkipsTheCode() throws Exception {
        OtpSecret secret = enrol(new Browser(app));
        Browser browser = challenged();
        browser.post("/2fa/api/verify", "{\"code\": \"" + code(secret, 0) + "\", \"trustDevice\": true}");
        String token = browser.cookie("twostep_trust");
        assertNotNull(token);
        assertTrue(Browser.json(browser.get("/2fa/api/devices")).get(0).get("current").asBoolean());
        browser.post("/logout", "");

        assertEquals("verified", Browser.json(browser.login("alice")).get("state").asText());
        JsonNode devices = Browser.json(browser.get("/2fa/api/devices"));
        assertEquals(1, devices.size());
        assertTrue(devices.get(0).get("current").asBoolean());
        assertEquals(204, browser.delete("/2fa/api/devices/" + devices.get(0).get("id").asText()).statusCode());
        app.clock.advance(Duration.ofSeconds(31));
        assertEquals(302, browser.get("/protected").statusCode());
    }

    @Test
    void backupCodesAndDisableWhenNoRecentCodeThenReverificationRequired() throws Exception {
        OtpSecret secret = enrol(new Browser(app));
        Browser browser = challenged();
        browser.post("/2fa/api/verify", "{\"code\": \"" + code(secret, 0) + "\"}");
        browser.status();
        assertEquals(200, browser.post("/2fa/api/backup-codes", "{}").statusCode());

        app.clock.advance(Duration.ofMinutes(5));

        HttpResponse<String> codes = browser.post("/2fa/api/backup-codes", "{}");
        HttpResponse<String> disable = browser.post("/2fa/api/disable", "{\"password\": \"alice-password\"}");
        assertEquals(401, codes.statusCode());
        assertEquals("reverification_required", Browser.json(codes).get("error").asText());
        assertEquals("reverification_required", Browser.json(disable).get("error").asText());
        assertEquals(200, browser.post("/2fa/api/verify", "{\"code\": \"" + code(secret, 0) + "\"}").statusCode());
        browser.status();
        HttpResponse<String> disabled = browser.post("/2fa/api/disable", "{\"password\": \"alice-password\"}");
        assertEquals("{\"enabled\":false}", disabled.body());
        assertEquals("optional", browser.status().get("state").asText());
    }

    @Test
    void adminResetWhenUserSignedInThenLiveSessionRecheckedWithinInterval() throws Exception {
        OtpSecret secret = enrol(new Browser(app));
        Browser alice = challenged();
        alice.post("/2fa/api/verify", "{\"code\": \"" + code(secret, 0) + "\"}");
        alice.status();
        Browser admin = new Browser(app);
        assertEquals("optional", Browser.json(admin.login("admin")).get("state").asText());

        HttpResponse<String> reset = admin.post("/2fa/admin/api/users/alice/reset", "{}");

        assertEquals(200, reset.statusCode(), reset.body());
        assertEquals("verified", alice.status().get("state").asText());
        app.clock.advance(Duration.ofSeconds(30));
        assertEquals("optional", alice.status().get("state").asText());
        JsonNode user = Browser.json(admin.get("/2fa/admin/api/users/alice"));
        assertFalse(user.get("enrolled").asBoolean());
    }

    @Test
    void adminApiWhenNotAdminThen403AndWhenAnonymousThen401() throws Exception {
        Browser anonymous = new Browser(app);
        Browser bob = new Browser(app);
        bob.login("bob");

        assertEquals(401, anonymous.get("/2fa/admin/api/users/alice").statusCode());
        assertEquals(403, bob.get("/2fa/admin/api/users/alice").statusCode());
        assertEquals(403, bob.post("/2fa/admin/api/users/alice/reset", "{}").statusCode());
    }

    @Test
    void exemptRoleWhenSignedInThenNeverChallenged() throws Exception {
        Browser carol = new Browser(app);

        assertEquals("exempt", Browser.json(carol.login("carol")).get("state").asText());
        assertEquals(200, carol.get("/protected").statusCode());
    }

    @Test
    void verifyWhenPhoneClockOffByTwoStepsThenAnswerSaysHowFar() throws Exception {
        OtpSecret secret = enrol(new Browser(app));
        Browser browser = challenged();

        HttpResponse<String> verified = browser.post("/2fa/api/verify", "{\"code\": \"" + code(secret, 2) + "\"}");

        assertEquals(200, verified.statusCode());
        assertEquals(60, Browser.json(verified).get("clockDriftSeconds").asInt());
    }

    @Test
    void exemptPathWhenSecondFactorNotProvenThenAppSeesNoUser() throws Exception {
        OtpSecret secret = enrol(new Browser(app));
        Browser browser = challenged();

        assertEquals("app:/:null:admin=false", browser.get("/").body());
        browser.post("/2fa/api/verify", "{\"code\": \"" + code(secret, 0) + "\"}");
        assertEquals("app:/:alice:admin=false", browser.get("/").body());
    }

    @Test
    void csrfTokenWhenSignedInThenNewAndFormFieldRefusedOnApi() throws Exception {
        Browser browser = new Browser(app);
        String before = browser.status().get("csrfToken").asText();

        String after = Browser.json(browser.login("alice")).get("csrfToken").asText();

        assertNotEquals(before, after);
        assertEquals(after, browser.status().get("csrfToken").asText());
        HttpResponse<String> formOnApi = browser.send(HttpRequest.newBuilder(app.uri("/2fa/api/backup-codes"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + after)).build());
        assertEquals(403, formOnApi.statusCode());
        HttpResponse<String> old = browser.send(HttpRequest.newBuilder(app.uri("/2fa/api/backup-codes"))
                .header("X-CSRF-Token", before).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(403, old.statusCode());
    }

    @Test
    void adminApiWhenOperatorCodeUnlockAndDeviceRevokeThenEachTakesEffect() throws Exception {
        OtpSecret secret = enrol(new Browser(app));
        Browser alice = challenged();
        alice.post("/2fa/api/verify", "{\"code\": \"" + code(secret, 0) + "\", \"trustDevice\": true}");
        Browser admin = new Browser(app);
        admin.login("admin");
        JsonNode devices = Browser.json(admin.get("/2fa/admin/api/users/alice/devices"));
        assertEquals(1, devices.size());
        assertEquals(204, admin.delete("/2fa/admin/api/users/alice/devices/" + devices.get(0).get("id").asText())
                .statusCode());
        assertEquals(0, Browser.json(admin.get("/2fa/admin/api/users/alice/devices")).size());

        Browser locked = challenged();
        for (int i = 0; i < 5; i++) {
            locked.post("/2fa/api/verify", "{\"code\": \"00000" + i + "\"}");
        }
        assertTrue(Browser.json(admin.get("/2fa/admin/api/users/alice")).get("locked").asBoolean());
        assertEquals(200, admin.post("/2fa/admin/api/users/alice/unlock", "{}").statusCode());
        assertFalse(Browser.json(admin.get("/2fa/admin/api/users/alice")).get("locked").asBoolean());

        HttpResponse<String> operator = admin.post("/2fa/admin/api/users/alice/backup-code", "{\"code\": \"5551234\"}");
        assertEquals(200, operator.statusCode(), operator.body());
        assertTrue(Browser.json(operator).has("expiresAt"));
        assertEquals(400, admin.post("/2fa/admin/api/users/alice/backup-code", "{\"code\": \"1\"}").statusCode());
        assertEquals(200, locked.post("/2fa/api/verify", "{\"code\": \"555-1234\"}").statusCode());
    }

    @Test
    void returnTargetWhenBrowserFetchesAnIconThenThePageIsKept() throws Exception {
        OtpSecret secret = enrol(new Browser(app));
        Browser browser = challenged();
        browser.send(HttpRequest.newBuilder(app.uri("/protected")).header("Sec-Fetch-Mode", "navigate")
                .header("Accept", "text/html").build());
        browser.send(HttpRequest.newBuilder(app.uri("/favicon.ico")).header("Sec-Fetch-Mode", "no-cors")
                .header("Accept", "image/avif,image/webp,*/*").build());

        HttpResponse<String> verified = browser.post("/2fa/api/verify", "{\"code\": \"" + code(secret, 0) + "\"}");

        assertEquals("/protected", Browser.json(verified).get("redirect").asText());
    }

    @Test
    void sessionIdInTheAddressWhenLeakedThenRefused() throws Exception {
        OtpSecret secret = enrol(new Browser(app));
        Browser alice = challenged();
        alice.post("/2fa/api/verify", "{\"code\": \"" + code(secret, 0) + "\"}");
        assertEquals(200, alice.get("/protected").statusCode());

        HttpResponse<String> leaked = new Browser(app).get("/protected;jsessionid=" + alice.cookie("JSESSIONID"));

        assertEquals(400, leaked.statusCode());
        assertFalse(leaked.body().contains(":alice:"), leaked.body());
    }

    private static List<Integer> together(List<Callable<Integer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
