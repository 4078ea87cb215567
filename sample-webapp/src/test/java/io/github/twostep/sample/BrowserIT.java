package io.github.twostep.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

/**
 * The sample as an end user walks it in a real browser: headless Chromium (Debian's
 * {@code chromium} and {@code chromium-driver}) over the sample started in-process on port 0 with
 * {@code config/twostep.json} and an in-memory H2 database. Codes come from the real clock, computed
 * in the test from the set-up key the page shows. Each page is saved under
 * {@code target/screenshots/}. Skipped, never failed, where the browser is not installed.
 */
class BrowserIT {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String SKIPPED = "BrowserIT skipped: no " + Chromium.BROWSER + " or " + Chromium.DRIVER
            + " on this machine (install them with: apt-get install chromium chromium-driver)";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("\\b\\d{6}\\b");
    private static final Totp TOTP = new Totp(Algorithm.SHA1, 6, 30, 180, Clock.systemUTC());
    private static SampleApp app;
    private static Chromium chromium;

    @TempDir
    static Path temporary;

    @RegisterExtension
    final TestWatcher failureShot = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (chromium != null) {
                chromium.screenshot("failed");
            }
        }
    };

    @BeforeAll
    static void start() throws IOException {
        if (!Chromium.installed()) {
            System.err.println(SKIPPED);
            return;
        }
        Options options = Options.defaults().withPort(0).withSettings("../config/twostep.json")
                .withDb("jdbc:h2:mem:browser-it;DB_CLOSE_DELAY=-1").withDataDirectory(temporary);
        app = SampleApp.start(options, Map.of("TWOSTEP_KEY", SampleKey.newKey())::get,
                new PrintStream(OutputStream.nullOutputStream()));
        chromium = Chromium.start(app.port(), Files.createDirectory(temporary.resolve("profile")), SCREENSHOTS);
    }

    /** Checked per test, not in {@code @BeforeAll}: Failsafe reports a skipped test, not a skipped class. */
    @BeforeEach
    void browserInstalled() {
        assumeTrue(Chromium.installed(), SKIPPED);
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aliceWhenWalkingTheSampleThenEnrolsTrustsRevokesUsesBackupCodeAndAdminResetsHer() {
        signIn("alice");
        reached("alice", "protected-not-enrolled");
        OtpSecret secret = enrolWithApp();
        List<String> backupCodes = chromium.all(By.cssSelector("#backup-codes code")).stream()
                .map(WebElement::getText).toList();
        assertEquals(10, backupCodes.size(), "backup codes shown");
        signOut();

        signIn("alice");
        chromium.arriveAt("/2fa/verify", "verify-code");
        chromium.type("code", code(secret, 1));
        chromium.check("trust-device", true);
        chromium.screenshot("verify-code-typed");
        chromium.click(By.cssSelector("form[action='/2fa/verify'] button[type='submit']"));
        reached("alice", "protected-after-code");
        signOut();

        signIn("alice");
        reached("alice", "protected-trusted-device");
        revokeThisDevice();
        signOut();

        signIn("alice");
        chromium.arriveAt("/2fa/verify", "verify-after-revoke");
        chromium.type("code", backupCodes.get(0));
        chromium.click(By.cssSelector("form[action='/2fa/verify'] button[type='submit']"));
        reached("alice", "protected-after-backup-code");
        signOut();

        signIn("admin");
        reached("admin", "protected-admin");
        resetTwoStep("alice");
        signOut();

        signIn("alice");
        reached("alice", "protected-after-reset");
        signOut();
    }

    @Test
    void bobWhenSettingUpByEmailOnThePageThenTheSentCodeEnablesAndDevicesShowReadableDates() throws Exception {
        signIn("bob");
        reached("bob", "protected-bob-not-enrolled");
        chromium.open("/2fa/setup");
        chromium.arriveAt("/2fa/setup", "setup-start-bob");
        chromium.type("password", "bob-password");
        chromium.check("consent", true);
        chromium.click(By.cssSelector("form button[type='submit']"));
        chromium.await(By.id("send-email"));
        chromium.screenshot("setup-scan-bob");
        assertEquals("code", chromium.focused().getAttribute("id"), "the code field has the focus");
        assertEquals(null, chromium.await(By.id("method-email")).getAttribute("checked"), "email not chosen for bob");

        chromium.click(By.id("send-email"));
        assertTrue(chromium.await(By.id("sent-notice")).getText().startsWith("We sent a code to b"));
        chromium.screenshot("setup-email-sent");
        chromium.type("code", lastCode("bob@example.com", 1));
        chromium.click(By.cssSelector("form[action='/2fa/setup'] button[type='submit']"));
        chromium.await(By.cssSelector("#backup-codes code")); // the next page, before reading it
        List<String> backupCodes = chromium.all(By.cssSelector("#backup-codes code")).stream()
                .map(WebElement::getText).toList();
        chromium.screenshot("setup-email-backup-codes");
        signOut();

        signIn("bob");
        chromium.arriveAt("/2fa/verify", "verify-bob-email-only");
        assertEquals("Use a code we sent you, or one of your backup codes.",
                chromium.await(By.id("verify-intro")).getText());
        assertTrue(chromium.all(By.cssSelector("form[action='/2fa/verify?action=send'] button")).get(0).getText()
                .startsWith("Send me a code by Email"));
        chromium.type("code", backupCodes.get(0)); // a new email would wait out the resend cooldown on the real clock
        chromium.check("trust-device", true);
        chromium.screenshot("verify-bob-email-typed");
        chromium.click(By.cssSelector("form[action='/2fa/verify'] button[type='submit']"));
        reached("bob", "protected-bob-after-email-code");
        chromium.open("/2fa/devices");
        chromium.arriveAt("/2fa/devices", "devices-bob");
        WebElement created = chromium.await(By.cssSelector(".devices time"));
        assertTrue(created.getText().endsWith(" UTC"), created.getText());
        assertTrue(created.getAttribute("datetime").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00Z"),
                created.getAttribute("datetime"));
        signOut();
    }

    @Test
    void pagesWhenThemedThenTheSamplesTemplateStylesheetNameAndHomeLinkShow() throws Exception {
        Path templates = Files.createDirectories(temporary.resolve("theme"));
        Files.writeString(templates.resolve("layout-bottom.mustache"), """
                <p class="back"><a id="back-to-app" href="{{home}}">{{backLabel}}</a></p>
                </main>
                <footer id="sample-footer" class="card">TwoStep Sample · your account, your keys</footer>
                </body>
                </html>
                """);
        ObjectNode settings = (ObjectNode) JSON.readTree(Path.of("../config/twostep.json").toFile());
        settings.putObject("pages").put("appName", "TwoStep Sample").put("homeUrl", "/account")
                .put("stylesheet", "/static/sample.css").put("templates", templates.toAbsolutePath().toString());
        Path file = temporary.resolve("themed.json");
        JSON.writeValue(file.toFile(), settings);
        Options options = Options.defaults().withPort(0).withSettings(file.toString())
                .withDb("jdbc:h2:mem:browser-it-themed;DB_CLOSE_DELAY=-1")
                .withDataDirectory(Files.createDirectories(temporary.resolve("themed-data")));
        try (SampleApp themedApp = SampleApp.start(options, Map.of("TWOSTEP_KEY", SampleKey.newKey())::get,
                new PrintStream(OutputStream.nullOutputStream()));
                Chromium themed = Chromium.start(themedApp.port(), Files.createDirectory(temporary.resolve("themed")),
                        SCREENSHOTS.resolve("themed"))) {
            themed.open("/protected");
            themed.arriveAt("/login", "themed-login");
            assertEquals("TwoStep Sample", themed.await(By.id("app-home")).getText());
            assertEquals("/account", URI.create(themed.await(By.id("back-to-app")).getAttribute("href")).getPath());
            assertEquals(1, themed.all(By.cssSelector("link[rel=stylesheet][href='/static/sample.css']")).size());
            assertTrue(themed.await(By.id("sample-footer")).isDisplayed());
            themed.type("username", "alice");
            themed.type("password", "alice-password");
            themed.click(By.cssSelector("form button[type='submit']"));
            themed.arriveAt("/protected", "themed-signed-in");
            themed.open("/2fa/setup");
            themed.arriveAt("/2fa/setup", "themed-setup-start");
            assertTrue(themed.await(By.id("sample-footer")).isDisplayed(), "every page has the sample's footer");
        }
    }

    /**
     * Security keys with the {@code passkeys} profile and Chromium's virtual authenticators (real
     * key pairs, real signatures): alice registers a key on the set-up page and gets backup codes,
     * answers the challenge with it, renames it, cannot remove her only factor, adds a second key
     * on the devices page and removes the first; the removed key, still in its authenticator, is
     * refused at "Sign in with a passkey", a prompt the user does not confirm says so, and the
     * second key signs her in.
     */
    @Test
    void aliceWhenUsingSecurityKeysThenRegistersVerifiesManagesAndSignsInWithAPasskey() throws Exception {
        int port = freePort();
        ObjectNode settings = (ObjectNode) JSON.readTree(Path.of("../config/profiles/passkeys.json").toFile());
        ((ObjectNode) settings.get("paths")).put("publicUrl", "http://localhost:" + port);
        Path file = temporary.resolve("passkeys.json");
        JSON.writeValue(file.toFile(), settings);
        Options options = Options.defaults().withPort(port).withSettings(file.toString())
                .withDb("jdbc:h2:mem:browser-it-passkeys;DB_CLOSE_DELAY=-1")
                .withDataDirectory(Files.createDirectories(temporary.resolve("passkeys-data")));
        try (SampleApp keysApp = SampleApp.start(options, Map.of("TWOSTEP_KEY", SampleKey.newKey())::get,
                new PrintStream(OutputStream.nullOutputStream()));
                Chromium browser = Chromium.start(keysApp.port(), Files.createDirectory(temporary.resolve("passkeys")),
                        SCREENSHOTS.resolve("passkeys"))) {
            VirtualAuthenticator laptop = browser.addAuthenticator();
            signIn(browser, "alice");
            browser.arriveAt("/protected", "keys-alice-signed-in");
            browser.open("/2fa/setup");
            browser.arriveAt("/2fa/setup", "keys-setup-start");
            browser.type("key-password", "alice-password");
            browser.type("key-name", "Laptop");
            browser.click(By.id("key-register-button"));
            browser.awaitVisible(By.id("key-done"));
            List<String> backupCodes = browser.all(By.cssSelector("#backup-codes code")).stream()
                    .map(WebElement::getText).toList();
            browser.screenshot("keys-backup-codes");
            assertEquals(10, backupCodes.size(), "backup codes shown after the first key");
            assertEquals(1, laptop.getCredentials().size(), "the key made one credential");
            signOut(browser);

            signIn(browser, "alice");
            browser.arriveAt("/2fa/verify", "keys-verify");
            browser.check("trust-device", true);
            browser.click(By.id("key-verify-button"));
            browser.arriveAt("/protected", "keys-verified-with-key");

            browser.open("/2fa/devices");
            browser.arriveAt("/2fa/devices", "keys-devices");
            assertEquals(1, browser.all(By.cssSelector("ul.devices:not(.keys) li .tag")).size(),
                    "\"trust this device\" honoured with the key");
            WebElement key = browser.await(By.cssSelector("ul.keys li"));
            assertEquals("Laptop", key.findElement(By.tagName("strong")).getText());
            assertTrue(key.findElements(By.tagName("time")).get(1).getText().endsWith(" UTC"), "last used shown");
            assertTrue(key.getText().contains("last used"), key.getText());
            browser.click(By.cssSelector("ul.keys li > form button"));
            assertTrue(browser.await(By.id("key-error")).getText().contains("only second factor"));
            browser.screenshot("keys-last-factor-refused");
            browser.click(By.cssSelector("ul.keys li details.rename summary"));
            WebElement rename = browser.await(By.cssSelector("ul.keys li input[name=name]"));
            rename.clear();
            rename.sendKeys("Old laptop");
            browser.click(By.cssSelector("ul.keys li details.rename button"));
            assertEquals("The security key was renamed.", browser.await(By.id("key-notice")).getText());
            assertEquals("Old laptop", browser.await(By.cssSelector("ul.keys li strong")).getText());

            List<Credential> laptopKeys = laptop.getCredentials();
            browser.removeAuthenticator(laptop);
            VirtualAuthenticator phone = browser.addAuthenticator();
            browser.type("key-name", "Phone");
            browser.click(By.id("key-add-button"));
            browser.awaitCount(By.cssSelector("ul.keys li"), 2);
            browser.screenshot("keys-two");
            assertTrue(browser.all(By.cssSelector("ul.keys li")).get(1).getText().contains("not used yet"));
            browser.click(By.cssSelector("ul.keys li:first-child > form button"));
            assertEquals("The security key was removed.", browser.await(By.id("key-notice")).getText());
            assertEquals(List.of("Phone"), browser.all(By.cssSelector("ul.keys li strong")).stream()
                    .map(WebElement::getText).toList());
            browser.screenshot("keys-removed");
            List<Credential> phoneKeys = phone.getCredentials();
            signOut(browser);

            browser.removeAuthenticator(phone);
            VirtualAuthenticator oldLaptop = browser.addAuthenticator();
            laptopKeys.forEach(oldLaptop::addCredential);
            browser.open("/protected");
            browser.arriveAt("/login", "keys-login");
            browser.click(By.id("passkey-login-button"));
            browser.awaitText(By.id("passkey-login-status"), "This key was not accepted.");
            browser.screenshot("keys-removed-key-refused");
            assertEquals("/login", browser.path());

            browser.removeAuthenticator(oldLaptop);
            VirtualAuthenticator phoneAgain = browser.addAuthenticator();
            phoneAgain.addCredential(phoneKeys.get(0));
            phoneAgain.setUserVerified(false);
            browser.click(By.id("passkey-login-button"));
            browser.awaitText(By.id("passkey-login-status"), "Cancelled, or the time ran out. Try again when you are ready.");
            browser.screenshot("keys-user-not-verified");
            phoneAgain.setUserVerified(true);
            browser.click(By.id("passkey-login-button"));
            browser.arriveAt("/protected", "keys-passkey-signed-in");
            assertTrue(browser.await(By.id("reached")).getText().contains("as alice"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The code in the newest dev-outbox message with a code to {@code to}, the {@code count}th
     * one to it (a code is in the outbox before the page that says "sent" is answered, so there
     * is no waiting; security notices, which have no code, go out later and are not counted).
     */
    private static String lastCode(String to, int count) throws Exception {
        HttpResponse<String> outbox = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.port() + "/dev/outbox?format=json")).build(), HttpResponse.BodyHandlers.ofString());
        List<JsonNode> mine = new ArrayList<>();
        JSON.readTree(outbox.body()).forEach(m -> {
            if (m.path("to").asText().equals(to) && CODE.matcher(m.path("body").asText()).find()) {
                mine.add(m);
            }
        });
        assertEquals(count, mine.size(), "messages to " + to);
        Matcher code = CODE.matcher(mine.get(count - 1).path("body").asText());
        assertTrue(code.find());
        return code.group();
    }

    /** Opens the protected page, is sent to the sign-in page and signs in with the demo password. */
    private static void signIn(String user) {
        signIn(chromium, user);
    }

    private static void signIn(Chromium browser, String user) {
        browser.open("/protected");
        browser.arriveAt("/login", "login-" + user);
        browser.type("username", user);
        browser.type("password", user + "-password");
        browser.click(By.cssSelector("form button[type='submit']"));
    }

    private static void reached(String user, String shotName) {
        chromium.arriveAt("/protected", shotName);
        String reached = chromium.await(By.id("reached")).getText();
        assertTrue(reached.contains("as " + user), reached);
    }

    /** Sets up the authenticator app from the account menu and stays on the backup codes page. */
    private static OtpSecret enrolWithApp() {
        chromium.open("/account");
        chromium.arriveAt("/account", "account");
        chromium.click(By.linkText("Two-factor authentication"));
        chromium.arriveAt("/2fa/setup", "setup-start");
        chromium.type("password", "alice-password");
        chromium.check("consent", true);
        chromium.click(By.cssSelector("form button[type='submit']"));
        String shown = chromium.await(By.id("secret")).getText();
        chromium.screenshot("setup-scan");
        OtpSecret secret = OtpSecret.fromBase32(shown.replaceAll("[\\s-]", ""));
        chromium.check("method-app", true);
        chromium.type("code", code(secret, 0));
        chromium.click(By.cssSelector("form[action='/2fa/setup'] button[type='submit']"));
        chromium.await(By.id("backup-codes"));
        chromium.screenshot("setup-backup-codes");
        return secret;
    }

    /** Signs out with the button in the account menu. */
    private static void signOut() {
        signOut(chromium);
    }

    private static void signOut(Chromium browser) {
        browser.open("/account");
        browser.arriveAt("/account", "account-before-sign-out");
        browser.click(By.cssSelector("form[action='/logout'] button"));
        browser.await(By.cssSelector("a[href='/login']"));
        browser.screenshot("signed-out");
    }

    private static void revokeThisDevice() {
        chromium.open("/2fa/devices");
        chromium.arriveAt("/2fa/devices", "devices-trusted");
        List<WebElement> devices = chromium.all(By.cssSelector("ul.devices li"));
        assertEquals(1, devices.size(), "one trusted device");
        assertEquals(1, chromium.all(By.cssSelector("ul.devices li .tag")).size(), "marked as this device");
        chromium.click(By.cssSelector("ul.devices li button[type='submit']"));
        chromium.await(By.id("no-devices"));
        chromium.screenshot("devices-revoked");
    }

    /** As admin, resets the user's two-factor authentication on TwoStep's admin page. */
    private static void resetTwoStep(String user) {
        chromium.open("/2fa/admin?user=" + user);
        chromium.arriveAt("/2fa/admin", "admin-" + user);
        assertEquals("yes", chromium.await(By.id("fact-enrolled")).getText());
        assertEquals("app", chromium.await(By.id("fact-methods")).getText());
        assertTrue(chromium.await(By.cssSelector(".audit time")).getText().endsWith(" UTC"), "a readable time");
        chromium.click(By.id("reset"));
        chromium.await(By.id("reset-question"));
        chromium.screenshot("admin-" + user + "-reset-asked");
        assertEquals("yes", chromium.await(By.id("fact-enrolled")).getText(), "nothing reset before the answer");
        chromium.click(By.id("reset-yes"));
        assertEquals("Two-factor authentication for " + user + " was reset.",
                chromium.await(By.id("admin-notice")).getText());
        chromium.screenshot("admin-" + user + "-reset");
        assertEquals("no", chromium.await(By.id("fact-enrolled")).getText());
    }

    /** The app's code for the current time step plus {@code stepsAhead}, computed right before it is typed. */
    private static String code(OtpSecret secret, int stepsAhead) {
        return TOTP.key(secret).generate(TOTP.currentStep() + stepsAhead);
    }
}
