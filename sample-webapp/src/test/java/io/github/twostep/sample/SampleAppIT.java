package io.github.twostep.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twostep.config.Algorithm;
import io.github.twostep.delivery.Channel;
import io.github.twostep.delivery.OutgoingMessage;
import io.github.twostep.delivery.Purpose;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample as a user meets it: started in-process on port 0 with the repository's
 * {@code config/twostep.json}, an in-memory H2 database and a data key from the (injected)
 * environment, then driven over HTTP.
 */
class SampleAppIT {
    static final Function<String, String> ENVIRONMENT = Map.of("TWOSTEP_KEY", SampleKey.newKey())::get;
    private static final ByteArrayOutputStream BANNER = new ByteArrayOutputStream();
    private static SampleApp app;

    @TempDir
    static Path dataDirectory;

    @BeforeAll
    static void start() {
        Options options = Options.defaults().withPort(0).withSettings("../config/twostep.json")
                .withDb("jdbc:h2:mem:sample-it;DB_CLOSE_DELAY=-1").withDataDirectory(dataDirectory);
        app = SampleApp.start(options, ENVIRONMENT, new PrintStream(BANNER, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String code(OtpSecret secret, int stepsAhead) {
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, Clock.systemUTC());
        return totp.key(secret).generate(totp.currentStep() + stepsAhead);
    }

    @Test
    void startWhenFirstTimeThenBannerShowsUrlAccountsAndKeySource() {
        String banner = BANNER.toString(StandardCharsets.UTF_8);

        assertTrue(banner.contains("http://localhost:" + app.port() + "/"), banner);
        for (String account : new String[] {"alice / alice-password", "bob / bob-password", "carol / carol-password",
            "admin / admin-password"}) {
            assertTrue(banner.contains(account), banner);
        }
        assertTrue(banner.contains("from the environment variable TWOSTEP_KEY"), banner);
        assertTrue(banner.contains("4 demo accounts added"), banner);
        assertFalse(banner.contains(ENVIRONMENT.apply("TWOSTEP_KEY")), "the key itself is never printed");
    }

    @Test
    void homeWhenAnonymousThenPublicWithSignInLink() throws Exception {
        HttpResponse<String> home = new Browser(app).get("/");

        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("href=\"/login\""), home.body());
        assertTrue(home.body().contains("href=\"/password/forgot\""), home.body());
        assertTrue(home.headers().firstValue("Content-Security-Policy").orElseThrow().contains("default-src 'none'"));
    }

    @Test
    void stylesheetWhenAnonymousThenServed() throws Exception {
        HttpResponse<String> css = new Browser(app).get("/static/sample.css");

        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElseThrow().startsWith("text/css"));
        assertTrue(css.body().contains(":focus-visible"));
    }

    @Test
    void protectedWhenAnonymousThenRedirectedToLogin() throws Exception {
        HttpResponse<String> page = new Browser(app).get("/protected");

        assertEquals(302, page.statusCode());
        assertTrue(page.headers().firstValue("Location").orElseThrow().endsWith("/login"));
    }

    @Test
    void aliceWhenSignedInThenReachesProtectedThenEnrolsAndIsChallengedNextTime() throws Exception {
        Browser browser = new Browser(app);
        assertEquals("optional", browser.login("alice"));
        HttpResponse<String> reached = browser.get("/protected");
        assertEquals(200, reached.statusCode());
        assertTrue(reached.body().contains("You reached the protected area as alice"), reached.body());

        HttpResponse<String> started = browser.post("/2fa/api/setup/start",
                "{\"password\": \"alice-password\", \"consent\": true}");
        assertEquals(200, started.statusCode(), started.body());
        OtpSecret secret = OtpSecret.fromBase32(Browser.json(started).get("secret").asText());
        HttpResponse<String> confirmed = browser.post("/2fa/api/setup/confirm",
                "{\"code\": \"" + code(secret, 0) + "\", \"methods\": [\"app\"]}");
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        assertTrue(Browser.json(confirmed).get("enabled").asBoolean());
        assertEquals(10, Browser.json(confirmed).get("backupCodes").size());

        Browser again = new Browser(app);
        assertEquals("challenge", again.login("alice"));
        HttpResponse<String> held = again.get("/protected");
        assertEquals(302, held.statusCode());
        assertTrue(held.headers().firstValue("Location").orElseThrow().endsWith("/2fa/verify"));
        HttpResponse<String> verified = again.post("/2fa/api/verify", "{\"code\": \"" + code(secret, 1) + "\"}");
        assertEquals(200, verified.statusCode(), verified.body());
        again.status();
        assertEquals(200, again.get("/protected").statusCode());
    }

    @Test
    void accountWhenSignedInThenMenuLinksToTwoStepPagesAndSignOutWorks() throws Exception {
        Browser browser = new Browser(app);
        browser.login("bob");

        HttpResponse<String> account = browser.get("/account");
        assertEquals(200, account.statusCode());
        assertTrue(account.body().contains("href=\"/2fa/setup\">Two-factor authentication<"), account.body());
        assertTrue(account.body().contains("href=\"/2fa/devices\">Trusted devices<"), account.body());
        assertFalse(account.body().contains("href=\"/admin\""), "bob is no admin");
        assertEquals(200, browser.get("/2fa/devices").statusCode());

        assertTrue(account.body().contains("action=\"/logout\""), account.body());
        HttpResponse<String> signedOut = browser.form("/logout", "_csrf", Browser.csrfField(account.body()));
        assertEquals(302, signedOut.statusCode());
        assertEquals(302, browser.get("/protected").statusCode());
    }

    @Test
    void sessionCookieWhenIssuedThenHttpOnlyAndSameSiteLax() throws Exception {
        HttpResponse<String> login = new Browser(app).get("/login");

        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
    }

    @Test
    void carolWhenSignedInThenExemptAndReachesProtected() throws Exception {
        Browser browser = new Browser(app);

        assertEquals("exempt", browser.login("carol"));
        HttpResponse<String> page = browser.get("/protected");

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("You reached the protected area as carol"), page.body());
    }

    @Test
    void demoAccountsWhenStartedThenEachCanSignIn() throws Exception {
        for (String user : new String[] {"alice", "bob", "carol", "admin"}) {
            Browser browser = new Browser(app);
            browser.status();
            HttpResponse<String> answer = browser.post("/2fa/api/login",
                    "{\"username\": \"" + user + "\", \"password\": \"" + user + "-password\"}");
            assertEquals(200, answer.statusCode(), user + ": " + answer.body());
        }
    }

    @Test
    void outboxWhenLoopbackThenJsonArrayNewestLast() throws Exception {
        app.outbox().orElseThrow().clear();
        app.outbox().orElseThrow().send(new OutgoingMessage(Channel.EMAIL, Purpose.SIGN_IN_CODE, "outbox@example.com",
                "Your sign-in code", "Your code is 123456.", null));
        app.outbox().orElseThrow().send(new OutgoingMessage(Channel.SMS, Purpose.SIGN_IN_CODE, "+1 555 0199",
                null, "Your code is 654321.", null));
        Browser anonymous = new Browser(app);

        HttpResponse<String> byQuery = anonymous.get("/dev/outbox?format=json");
        HttpResponse<String> byAccept = anonymous.send(HttpRequest.newBuilder(anonymous.uri("/dev/outbox"))
                .header("Accept", "application/json").build());
        HttpResponse<String> page = anonymous.get("/dev/outbox");

        assertEquals(200, byQuery.statusCode());
        assertTrue(byQuery.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertEquals(byQuery.body(), byAccept.body());
        List<JsonNode> messages = new ArrayList<>(); // only these two: a security notice of an earlier test may come late
        Browser.json(byQuery).forEach(m -> {
            if (List.of("outbox@example.com", "+1 555 0199").contains(m.get("to").asText())) {
                messages.add(m);
            }
        });
        assertEquals(2, messages.size());
        JsonNode first = messages.get(0);
        assertEquals("outbox@example.com", first.get("to").asText());
        assertEquals("email", first.get("channel").asText());
        assertEquals("Your sign-in code", first.get("subject").asText());
        assertEquals("Your code is 123456.", first.get("body").asText());
        assertTrue(first.get("sentAt").asText().endsWith("Z"), first.toString());
        assertEquals("sms", messages.get(1).get("channel").asText());
        assertTrue(messages.get(1).get("subject").isNull());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Your code is 654321."), page.body());
    }

    @Test
    void outboxWhenHostHeaderNamesAnotherHostThenRefused() throws Exception {
        app.outbox().orElseThrow().send(new OutgoingMessage(Channel.EMAIL, Purpose.SIGN_IN_CODE, "bob@example.com",
                "Your sign-in code", "Your code is 123456.", null));

        assertEquals(403, RawHttp.get(app.port(), "/dev/outbox?format=json", "rebind.attacker.example"));
        assertEquals(403, RawHttp.get(app.port(), "/dev/outbox?format=json", "rebind.attacker.example:" + app.port()));
        assertEquals(403, RawHttp.get(app.port(), "/dev/outbox", "localhost.attacker.example:" + app.port()));
        assertEquals(200, RawHttp.get(app.port(), "/dev/outbox?format=json", "localhost:" + app.port()));
        assertEquals(200, RawHttp.get(app.port(), "/dev/outbox?format=json", "127.0.0.1:" + app.port()));
        assertEquals(200, RawHttp.get(app.port(), "/dev/outbox?format=json", "[::1]:" + app.port()));
    }

    @Test
    void startWhenSettingsFileSetsNoPublicUrlThenLinksPointAtThePortInUse() {
        assertEquals("http://localhost:" + app.port(), app.twoStep().settings().paths().publicUrl());
    }

    @Test
    void startWhenSettingsFileSetsPublicUrlThenKept(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("twostep.json");
        Files.writeString(file, Files.readString(Path.of("../config/twostep.json"))
                .replace("\"prefix\": \"/2fa\"", "\"prefix\": \"/2fa\", \"publicUrl\": \"https://app.example.com\""));
        Options options = Options.defaults().withPort(0).withSettings(file.toString())
                .withDb("jdbc:h2:mem:sample-url;DB_CLOSE_DELAY=-1").withDataDirectory(directory);

        try (SampleApp other = SampleApp.start(options, ENVIRONMENT, new PrintStream(OutputStream.nullOutputStream()))) {
            assertEquals("https://app.example.com", other.twoStep().settings().paths().publicUrl());
        }
    }

    @Test
    void adminMenuWhenAdminThenLinksToTwoStepAdminPage() throws Exception {
        Browser admin = new Browser(app);
        assertEquals("optional", admin.login("admin"));

        HttpResponse<String> account = admin.get("/account");

        assertTrue(account.body().contains("href=\"/2fa/admin\">TwoStep administration<"), account.body());
        HttpResponse<String> twoStepAdmin = admin.get("/2fa/admin");
        assertEquals(200, twoStepAdmin.statusCode(), twoStepAdmin.body());
        Browser bob = new Browser(app);
        bob.login("bob");
        assertFalse(bob.get("/account").body().contains("/2fa/admin"), "bob is no admin");
    }

    @Test
    void adminWhenAdminSignedInThenLooksUpAndUnlocksUsers() throws Exception {
        Browser admin = new Browser(app);
        assertEquals("optional", admin.login("admin"));
        assertTrue(admin.get("/account").body().contains("href=\"/admin\""));

        HttpResponse<String> page = admin.get("/admin");
        assertEquals(200, page.statusCode());
        String csrf = Browser.csrfField(page.body());
        HttpResponse<String> unlocked = admin.form("/admin", "_csrf", csrf, "user", "bob", "action", "unlock");
        HttpResponse<String> unknown = admin.form("/admin", "_csrf", csrf, "user", "zed", "action", "lookup");
        HttpResponse<String> forged = admin.form("/admin", "_csrf", "forged", "user", "bob", "action", "reset");

        assertEquals(200, unlocked.statusCode());
        assertTrue(unlocked.body().contains("bob is unlocked."), unlocked.body());
        assertTrue(unlocked.body().contains("Failed attempts"), unlocked.body());
        assertTrue(unknown.body().contains("There is no user &quot;zed&quot;."), unknown.body());
        assertEquals(403, forged.statusCode());
    }

    @Test
    void adminWhenNotAdminThenForbidden() throws Exception {
        Browser carol = new Browser(app);
        carol.login("carol");

        assertEquals(403, carol.get("/admin").statusCode());
        assertEquals(403, carol.form("/admin", "_csrf", "x", "user", "bob", "action", "reset").statusCode());
    }

    @Test
    void startWhenSameFileDatabaseTwiceThenDemoAccountsNotDuplicated(@TempDir Path directory) throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("sample").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        Options options = Options.defaults().withPort(0).withSettings("../config/twostep.json").withDb(url)
                .withDataDirectory(directory);
        ByteArrayOutputStream second = new ByteArrayOutputStream();

        SampleApp.start(options, name -> null, new PrintStream(OutputStream.nullOutputStream())).close();
        SampleApp.start(options, name -> null, new PrintStream(second, true, StandardCharsets.UTF_8)).close();

        assertFalse(second.toString(StandardCharsets.UTF_8).contains("demo accounts added"));
        assertTrue(second.toString(StandardCharsets.UTF_8).contains("from the key file"), second.toString());
        assertFalse(second.toString(StandardCharsets.UTF_8).contains("created now"), "the key file is reused");
        try (Connection connection = DriverManager.getConnection(url);
                ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT username FROM users ORDER BY username")) {
            StringBuilder names = new StringBuilder();
            while (rows.next()) {
                names.append(rows.getString(1)).append(' ');
            }
            assertEquals("admin alice bob carol ", names.toString());
        }
    }
}
