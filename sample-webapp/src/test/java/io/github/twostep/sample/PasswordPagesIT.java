package io.github.twostep.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twostep.config.Algorithm;
import io.github.twostep.delivery.OutboxEntry;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import io.github.twostep.testing.SettableClock;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample's password pages over HTTP: changing a password revokes trusted devices, and a
 * reset link (mailed to the dev outbox, single use, short-lived) signs the user in with the
 * first factor only. Each test gets its own sample and database, since passwords change.
 */
class PasswordPagesIT {
    private static final Pattern LINK = Pattern.compile("(http://\\S+/password/reset\\?t=)([A-Za-z0-9_-]+)");

    private final SettableClock clock = new SettableClock(Instant.now());
    private SampleApp app;

    @TempDir
    Path dataDirectory;

    @BeforeEach
    void start() {
        Options options = Options.defaults().withPort(0).withSettings("../config/twostep.json")
                .withDb("jdbc:h2:mem:passwords-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .withDataDirectory(dataDirectory);
        app = SampleApp.start(options, SampleAppIT.ENVIRONMENT, new PrintStream(OutputStream.nullOutputStream()),
                clock);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private String code(OtpSecret secret, int stepsAhead) {
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, clock);
        return totp.key(secret).generate(totp.currentStep() + stepsAhead);
    }

    /** Signs {@code user} in with {@code password}; answers the HTTP status of {@code POST login}. */
    private static int login(Browser browser, String user, String password) throws Exception {
        browser.status();
        int status = browser.post("/2fa/api/login",
                "{\"username\": \"" + user + "\", \"password\": \"" + password + "\"}").statusCode();
        browser.status();
        return status;
    }

    /** Sets up the authenticator app for {@code user}, signed in in {@code browser}. */
    private OtpSecret enrol(Browser browser, String user) throws Exception {
        HttpResponse<String> started = browser.post("/2fa/api/setup/start",
                "{\"password\": \"" + user + "-password\", \"consent\": true}");
        assertEquals(200, started.statusCode(), started.body());
        OtpSecret secret = OtpSecret.fromBase32(Browser.json(started).get("secret").asText());
        HttpResponse<String> confirmed = browser.post("/2fa/api/setup/confirm",
                "{\"code\": \"" + code(secret, 0) + "\", \"methods\": [\"app\"]}");
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        return secret;
    }

    /** Asks for a reset link for {@code user} as an anonymous visitor; answers the page. */
    private HttpResponse<String> askForLink(String user) throws Exception {
        Browser visitor = new Browser(app);
        HttpResponse<String> form = visitor.get("/password/forgot");
        assertEquals(200, form.statusCode(), "public page");
        return visitor.form("/password/forgot", "_csrf", Browser.csrfField(form.body()), "user", user);
    }

    /**
     * The reset links in the outbox, oldest first: only those, since a security notice of an
     * earlier step may reach the outbox later (notices go out on the background sender).
     */
    private List<Matcher> links() {
        return app.outbox().orElseThrow().messages().stream().map(m -> LINK.matcher(m.body())).filter(Matcher::find)
                .toList();
    }

    /** The token of the newest reset link in the outbox, checking it points at the sample's port. */
    private String newestToken() {
        List<Matcher> links = links();
        assertFalse(links.isEmpty(), "a reset link in the outbox");
        Matcher link = links.get(links.size() - 1);
        assertEquals("http://localhost:" + app.port() + "/password/reset?t=", link.group(1));
        return link.group(2);
    }

    private static HttpResponse<String> reset(Browser browser, String token, String password, String confirm)
            throws Exception {
        HttpResponse<String> form = browser.get("/password/reset?t=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        String csrf = Browser.csrfField((form.statusCode() == 200 ? form : browser.get("/password/forgot")).body());
        return browser.form("/password/reset", "_csrf", csrf, "t", token, "password", password, "confirm", confirm);
    }

    @Test
    void changeWhenCurrentPasswordRightThenNewPasswordWorksAndTrustedBrowserMustProveAgain() throws Exception {
        Browser setup = new Browser(app);
        assertEquals(200, login(setup, "alice", "alice-password"));
        OtpSecret secret = enrol(setup, "alice");
        Browser browser = new Browser(app);
        assertEquals(200, login(browser, "alice", "alice-password"));
        HttpResponse<String> trusted = browser.post("/2fa/api/verify",
                "{\"code\": \"" + code(secret, 1) + "\", \"trustDevice\": true}");
        assertEquals(200, trusted.statusCode(), trusted.body());
        browser.status();
        HttpResponse<String> account = browser.get("/account");
        assertTrue(account.body().contains("href=\"/account/password\""), account.body());

        HttpResponse<String> page = browser.get("/account/password");
        HttpResponse<String> changed = browser.form("/account/password", "_csrf", Browser.csrfField(page.body()),
                "current", "alice-password", "password", "alice-new-password", "confirm", "alice-new-password");

        assertEquals(200, changed.statusCode(), changed.body());
        assertTrue(changed.body().contains("Your password was changed."), changed.body());
        assertEquals(401, login(new Browser(app), "alice", "alice-password"));
        browser.form("/logout", "_csrf", browser.status().get("csrfToken").asText());
        assertEquals(200, login(browser, "alice", "alice-new-password"));
        assertEquals("challenge", browser.status().get("state").asText(),
                "the browser trusted before the change must prove the second factor again");
    }

    @Test
    void changeWhenCurrentPasswordWrongOrNewOneUnfitThenRefusedAndUnchanged() throws Exception {
        Browser admin = new Browser(app);
        assertEquals(200, login(admin, "admin", "admin-password"));
        String csrf = Browser.csrfField(admin.get("/account/password").body());

        HttpResponse<String> wrong = admin.form("/account/password", "_csrf", csrf, "current", "nope",
                "password", "admin-new-password", "confirm", "admin-new-password");
        HttpResponse<String> tooShort = admin.form("/account/password", "_csrf", csrf, "current", "admin-password",
                "password", "short", "confirm", "short");
        HttpResponse<String> mismatch = admin.form("/account/password", "_csrf", csrf, "current", "admin-password",
                "password", "admin-new-password", "confirm", "admin-other-password");
        HttpResponse<String> forged = admin.form("/account/password", "_csrf", "forged", "current", "admin-password",
                "password", "admin-new-password", "confirm", "admin-new-password");

        assertEquals(400, wrong.statusCode());
        assertTrue(wrong.body().contains("The current password is not right."), wrong.body());
        assertEquals(400, tooShort.statusCode());
        assertTrue(tooShort.body().contains("at least 8 characters"), tooShort.body());
        assertEquals(400, mismatch.statusCode());
        assertTrue(mismatch.body().contains("The two new passwords differ."), mismatch.body());
        assertEquals(403, forged.statusCode());
        assertEquals(200, login(new Browser(app), "admin", "admin-password"), "the password is unchanged");
    }

    @Test
    void changeWhenAnonymousThenSentToSignIn() throws Exception {
        HttpResponse<String> page = new Browser(app).get("/account/password");

        assertEquals(302, page.statusCode());
        assertTrue(page.headers().firstValue("Location").orElseThrow().endsWith("/login"));
    }

    @Test
    void resetWhenUserHasTwoFactorThenSignedInAtTheChallengeNotPastIt() throws Exception {
        Browser setup = new Browser(app);
        assertEquals(200, login(setup, "bob", "bob-password"));
        OtpSecret secret = enrol(setup, "bob");

        HttpResponse<String> asked = askForLink("bob");
        assertEquals(200, asked.statusCode());
        assertTrue(asked.body().contains("a link is on its way"), asked.body());
        String token = newestToken();
        Browser browser = new Browser(app);
        HttpResponse<String> done = reset(browser, token, "bob-new-password", "bob-new-password");

        assertEquals(302, done.statusCode(), done.body());
        assertTrue(done.headers().firstValue("Location").orElseThrow().endsWith("/protected"));
        JsonNode status = browser.status();
        assertEquals("bob", status.get("user").asText());
        assertEquals("challenge", status.get("state").asText());
        HttpResponse<String> held = browser.get("/protected");
        assertEquals(302, held.statusCode());
        assertTrue(held.headers().firstValue("Location").orElseThrow().endsWith("/2fa/verify"));
        assertEquals(200, browser.post("/2fa/api/verify", "{\"code\": \"" + code(secret, 1) + "\"}").statusCode());
        assertEquals(200, browser.get("/protected").statusCode());
        assertEquals(200, login(new Browser(app), "bob", "bob-new-password"));
        assertEquals(401, login(new Browser(app), "bob", "bob-password"));
        assertEquals(400, new Browser(app).get("/password/reset?t=" + token).statusCode(), "used up");
    }

    @Test
    void resetWhenUserWithoutTwoFactorThenStraightToProtected() throws Exception {
        askForLink("alice");
        Browser browser = new Browser(app);

        HttpResponse<String> done = reset(browser, newestToken(), "alice-new-password", "alice-new-password");

        assertEquals(302, done.statusCode(), done.body());
        assertEquals("optional", browser.status().get("state").asText());
        assertEquals(200, browser.get("/protected").statusCode());
    }

    @Test
    void forgotWhenUnknownUserOrNoEmailThenSameAnswerAndNothingSent() throws Exception {
        int before = links().size();

        HttpResponse<String> unknown = askForLink("zed");
        HttpResponse<String> noEmail = askForLink("carol");
        HttpResponse<String> known = askForLink("alice");

        assertEquals(200, unknown.statusCode());
        assertEquals(known.body(), unknown.body());
        assertEquals(known.body(), noEmail.body());
        assertEquals(before + 1, links().size(), "alice's link only");
    }

    @Test
    void resetWhenLinkOlderThanFifteenMinutesThenRefusedAndPasswordUnchanged() throws Exception {
        askForLink("alice");
        String token = newestToken();

        clock.advance(PasswordResets.VALIDITY);
        HttpResponse<String> late = reset(new Browser(app), token, "alice-new-password", "alice-new-password");

        assertEquals(400, late.statusCode());
        assertTrue(late.body().contains("This link does not work"), late.body());
        assertEquals(200, login(new Browser(app), "alice", "alice-password"));
    }

    @Test
    void resetWhenNewPasswordUnfitThenLinkStillWorks() throws Exception {
        askForLink("alice");
        String token = newestToken();
        Browser browser = new Browser(app);

        HttpResponse<String> tooShort = reset(browser, token, "short", "short");
        HttpResponse<String> mismatch = reset(browser, token, "alice-new-password", "alice-other-password");
        HttpResponse<String> done = reset(browser, token, "alice-new-password", "alice-new-password");

        assertEquals(400, tooShort.statusCode());
        assertTrue(tooShort.body().contains("at least 8 characters"), tooShort.body());
        assertTrue(tooShort.body().contains("name=\"t\" value=\"" + token + "\""), "the form keeps the link");
        assertEquals(400, mismatch.statusCode());
        assertEquals(302, done.statusCode(), done.body());
    }

    @Test
    void resetWhenSameLinkPostedTwiceAtOnceThenExactlyOneSucceeds() throws Exception {
        for (int round = 0; round < 5; round++) {
            askForLink("alice");
            String token = newestToken();
            Browser first = new Browser(app);
            Browser second = new Browser(app);
            String firstCsrf = Browser.csrfField(first.get("/password/reset?t=" + token).body());
            String secondCsrf = Browser.csrfField(second.get("/password/reset?t=" + token).body());
            String password = "alice-password-" + round;

            CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> post(first, firstCsrf, token, password));
            CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> post(second, secondCsrf, token, password));

            List<Integer> statuses = List.of(a.get(), b.get()).stream().sorted().toList();
            assertEquals(List.of(302, 400), statuses, "round " + round);
        }
    }

    private static int post(Browser browser, String csrf, String token, String password) {
        try {
            return browser.form("/password/reset", "_csrf", csrf, "t", token, "password", password, "confirm",
                    password).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void resetWhenFormTokenMissingThenRefusedAndLinkKept() throws Exception {
        askForLink("alice");
        String token = newestToken();

        HttpResponse<String> forged = new Browser(app).send(HttpRequest.newBuilder(new Browser(app).uri("/password/reset"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("t=" + token + "&password=alice-new-password"
                        + "&confirm=alice-new-password")).build());

        assertEquals(403, forged.statusCode());
        assertEquals(200, new Browser(app).get("/password/reset?t=" + token).statusCode());
        assertFalse(forged.body().contains("alice-new-password"));
    }
}
