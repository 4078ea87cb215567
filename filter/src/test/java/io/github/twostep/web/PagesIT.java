package io.github.twostep.web;

import static io.github.twostep.web.HtmlBrowser.assertNoStore;
import static io.github.twostep.web.HtmlBrowser.check;
import static io.github.twostep.web.HtmlBrowser.form;
import static io.github.twostep.web.HtmlBrowser.html;
import static io.github.twostep.web.HtmlBrowser.input;
import static io.github.twostep.web.HtmlBrowser.path;
import static io.github.twostep.web.HtmlBrowser.submit;
import static io.github.twostep.web.HtmlBrowser.text;
import static io.github.twostep.web.HtmlBrowser.unlabelled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.github.twostep.config.Algorithm;
import io.github.twostep.otp.OtpSecret;
import io.github.twostep.otp.Totp;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.htmlunit.Page;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlImage;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TwoStep's HTML pages walked with a browser without JavaScript: sign in, set up, verify, trust, recover. */
class PagesIT {
    private static final String PNG = "data:image/png;base64,";

    private TestApp app;
    private HtmlBrowser browser;

    @BeforeEach
    void start() throws Exception {
        start(TestApp.settings(""));
    }

    private void start(String settings) throws Exception {
        stop();
        app = new TestApp(settings);
        browser = new HtmlBrowser(app::uri);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
    }

    private record Enrolment(OtpSecret secret, List<String> backupCodes) {
    }

    private String code(OtpSecret secret, int offset) {
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, app.clock);
        return totp.key(secret).generate(totp.currentStep() + offset);
    }

    /** Opens the set-up page signed in, confirms the password and agrees; answers the scan page. */
    private HtmlPage scanPage(HtmlBrowser user) throws Exception {
        HtmlPage setup = user.page("/2fa/setup");
        assertEquals("/2fa/setup", path(setup));
        HtmlForm start = form(setup, "/2fa/setup");
        input(start, "password").setValue("alice-password");
        check(start, "consent", "true", true);
        return html(submit(start));
    }

    /** The secret the scan page shows as the manual key. */
    private static OtpSecret manualKey(HtmlPage scan) {
        return OtpSecret.fromBase32(text(scan, "secret").replaceAll("[\\s-]", ""));
    }

    private static List<String> backupCodes(HtmlPage done) {
        List<String> codes = new ArrayList<>();
        for (DomNode item : done.querySelectorAll("#backup-codes li")) {
            codes.add(item.asNormalizedText().strip());
        }
        return codes;
    }

    /** Signs alice in and enrols her with the app through the pages; the clock then moves one step on. */
    private Enrolment enrol(HtmlBrowser user) throws Exception {
        assertEquals("/", path(user.logIn("alice")));
        HtmlPage scan = scanPage(user);
        OtpSecret secret = manualKey(scan);
        HtmlForm confirm = form(scan, "/2fa/setup");
        check(confirm, "methods", "app", true);
        check(confirm, "methods", "email", false);
        input(confirm, "code").setValue(code(secret, 0));
        HtmlPage done = html(submit(confirm));
        List<String> codes = backupCodes(done);
        assertEquals(10, codes.size(), done.asXml());
        app.clock.advance(Duration.ofSeconds(30));
        return new Enrolment(secret, codes);
    }

    /** Signs out (keeping the trust cookie) and in again as alice; answers the page landed on. */
    private Page signInAgain(HtmlBrowser user) throws Exception {
        assertEquals("/", path(user.signOut()));
        return user.logIn("alice");
    }

    private static String decodeQr(String dataUri) throws Exception {
        assertTrue(dataUri.startsWith(PNG), dataUri);
        var image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(dataUri.substring(PNG.length()))));
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText();
    }

    private static String queryParameter(URI uri, String name) {
        return Arrays.stream(uri.getRawQuery().split("&")).filter(p -> p.startsWith(name + "="))
                .map(p -> URLDecoder.decode(p.substring(name.length() + 1), StandardCharsets.UTF_8))
                .findFirst().orElse(null);
    }

    @Test
    void protectedPageWhenAnonymousThenLoginPageAndAfterSignInBackToIt() throws Exception {
        Page login = browser.open("/protected");

        assertEquals("/login", path(login));
        assertNoStore(login);
        Page landed = HtmlBrowser.logIn(html(login), "alice", "alice-password");
        assertEquals("/protected", path(landed));
        assertEquals("app:/protected:alice:admin=false", landed.getWebResponse().getContentAsString());
    }

    @Test
    void loginPageWhenOptionalUserSignsInThenHome() throws Exception {
        Page landed = browser.logIn("alice");

        assertEquals("/", path(landed));
        assertEquals("app:/:alice:admin=false", landed.getWebResponse().getContentAsString());
    }

    @Test
    void loginPageWhenWrongPasswordThenErrorTiedToTheInputs() throws Exception {
        HtmlPage failed = html(HtmlBrowser.logIn(browser.page("/login"), "alice", "wrong"));

        assertEquals("/login", path(failed));
        assertErrorTied(failed, "password", "login-error");
        assertEquals("alice", input(form(failed, "/login"), "username").getValue());
    }

    @Test
    void scanPageWhenPasswordAndConsentGivenThenQrCodeCarriesTheManualKey() throws Exception {
        browser.logIn("alice");

        HtmlPage scan = scanPage(browser);

        HtmlImage qr = scan.querySelector("img.qr");
        URI otpauth = URI.create(decodeQr(qr.getSrcAttribute()));
        assertEquals("otpauth", otpauth.getScheme());
        assertEquals("totp", otpauth.getHost());
        assertTrue(otpauth.getPath().endsWith("alice"), otpauth.toString());
        assertEquals(manualKey(scan), OtpSecret.fromBase32(queryParameter(otpauth, "secret")));
        assertFalse(qr.getAltAttribute().isBlank());
        List<String> apps = new ArrayList<>();
        for (DomNode item : scan.querySelectorAll(".apps li")) {
            HtmlAnchor link = ((HtmlElement) item).querySelector("a");
            HtmlImage linkQr = ((HtmlElement) item).querySelector("img");
            assertEquals(link.getHrefAttribute(), decodeQr(linkQr.getSrcAttribute()));
            apps.add(link.asNormalizedText());
        }
        assertEquals(List.of("Google Authenticator", "Microsoft Authenticator", "FreeOTP"), apps);
        assertEquals("one-time-code", scan.getHtmlElementById("code").getAttribute("autocomplete"));
    }

    @Test
    void setupPageWhenWrongPasswordThenErrorTiedToThePasswordInput() throws Exception {
        browser.logIn("alice");
        HtmlForm start = form(browser.page("/2fa/setup"), "/2fa/setup");
        input(start, "password").setValue("wrong");
        check(start, "consent", "true", true);

        HtmlPage failed = html(submit(start));

        assertNull(failed.getElementById("secret"));
        assertErrorTied(failed, "password", "setup-error");
    }

    @Test
    void enableWhenCodeFromTheAppThenTenBackupCodesToSaveAndRenew() throws Exception {
        browser.logIn("alice");
        HtmlPage scan = scanPage(browser);
        HtmlForm confirm = form(scan, "/2fa/setup");
        check(confirm, "methods", "app", true);
        input(confirm, "code").setValue(code(manualKey(scan), 0));

        HtmlPage done = html(submit(confirm));

        assertNoStore(done);
        List<String> codes = backupCodes(done);
        assertEquals(10, codes.size());
        assertEquals(10, codes.stream().distinct().count());
        HtmlAnchor save = done.querySelector("a[download]");
        assertTrue(save.getHrefAttribute().startsWith("data:text/plain"), save.getHrefAttribute());
        String file = URLDecoder.decode(save.getHrefAttribute().substring(save.getHrefAttribute().indexOf(',') + 1),
                StandardCharsets.UTF_8);
        assertEquals(codes, file.lines().toList());
        HtmlPage renewed = html(submit(form(done, "/2fa/setup")));
        List<String> newCodes = backupCodes(renewed);
        assertEquals(10, newCodes.size());
        assertTrue(newCodes.stream().noneMatch(codes::contains), codes + " / " + newCodes);
    }

    @Test
    void enableWhenWrongCodeThenErrorTiedToTheCodeInputAndKeyKept() throws Exception {
        browser.logIn("alice");
        HtmlPage scan = scanPage(browser);
        OtpSecret shown = manualKey(scan);
        HtmlForm confirm = form(scan, "/2fa/setup");
        input(confirm, "code").setValue("000000".equals(code(shown, 0)) ? "111111" : "000000");

        HtmlPage again = html(submit(confirm));

        assertEquals(shown, manualKey(again));
        assertErrorTied(again, "code", "confirm-error");
    }

    @Test
    void signInWhenEnrolledThenVerifyPageAndWrongCodeErrorTiedToTheInput() throws Exception {
        enrol(browser);

        HtmlPage verify = html(signInAgain(browser));

        assertEquals("/2fa/verify", path(verify));
        assertNoStore(verify);
        HtmlElement code = verify.getHtmlElementById("code");
        assertEquals("one-time-code", code.getAttribute("autocomplete"));
        HtmlForm form = form(verify, "/2fa/verify");
        input(form, "code").setValue("000000");
        HtmlPage failed = html(submit(form));
        assertEquals("/2fa/verify", path(failed));
        assertErrorTied(failed, "code", "code-error");
        assertEquals("That code did not work. Check it and try again.", text(failed, "code-error"));
    }

    @Test
    void verifyWhenRightCodeAndTrustThenBackToFirstPageAndDeviceListed() throws Exception {
        Enrolment enrolment = enrol(browser);
        browser.signOut();
        HtmlPage login = browser.page("/protected");
        assertEquals("/login", path(login));
        HtmlPage verify = html(HtmlBrowser.logIn(login, "alice", "alice-password"));
        assertEquals("/2fa/verify", path(verify));
        HtmlForm form = form(verify, "/2fa/verify");
        input(form, "code").setValue(code(enrolment.secret(), 0));
        check(form, "trustDevice", "true", true);

        Page landed = submit(form);

        assertEquals("/protected", path(landed));
        assertEquals("app:/protected:alice:admin=false", landed.getWebResponse().getContentAsString());
        assertNotNull(browser.client.getCookieManager().getCookie("twostep_trust"));
        HtmlPage devices = browser.page("/2fa/devices");
        assertNoStore(devices);
        assertEquals(1, devices.querySelectorAll(".devices li").size(), devices.asXml());
        assertFalse(devices.querySelector(".devices li strong").asNormalizedText().isBlank(), devices.asXml());
    }

    @Test
    void devicesPageWhenRevokedThenGoneAndNextSignInAsksForACode() throws Exception {
        Enrolment enrolment = enrol(browser);
        HtmlForm form = form(html(signInAgain(browser)), "/2fa/verify");
        input(form, "code").setValue(code(enrolment.secret(), 0));
        check(form, "trustDevice", "true", true);
        submit(form);
        app.clock.advance(Duration.ofSeconds(30));
        Page trusted = signInAgain(browser);
        assertEquals("/", path(trusted), "a trusted browser signs in without a code");
        HtmlPage devices = browser.page("/2fa/devices");
        assertEquals(1, devices.querySelectorAll(".devices li .tag").size(), devices.asXml());
        HtmlElement revoke = form(devices, "/2fa/devices").querySelector("button");
        assertEquals(devices.querySelector(".devices li strong").asNormalizedText(),
                text(devices, revoke.getAttribute("aria-describedby")), "the button says which device it revokes");

        HtmlPage after = html(submit(form(devices, "/2fa/devices")));

        assertEquals("/2fa/devices", path(after));
        assertEquals(0, after.querySelectorAll(".devices li").size(), after.asXml());
        assertNotNull(after.getElementById("no-devices"));
        assertEquals("/2fa/verify", path(signInAgain(browser)));
    }

    @Test
    void verifyWhenBackupCodeThenAcceptedOnceOnly() throws Exception {
        Enrolment enrolment = enrol(browser);
        String backup = enrolment.backupCodes().get(3);
        HtmlForm form = form(html(signInAgain(browser)), "/2fa/verify");
        input(form, "code").setValue(backup);

        assertEquals("/", path(submit(form)));

        HtmlForm again = form(html(signInAgain(browser)), "/2fa/verify");
        input(again, "code").setValue(backup);
        HtmlPage refused = html(submit(again));
        assertEquals("/2fa/verify", path(refused));
        assertNotNull(refused.getElementById("code-error"));
    }

    @Test
    void everyTwoStepPageWhenVisitedThenNoStoreAndEveryInputLabelled() throws Exception {
        List<HtmlPage> visited = new ArrayList<>();
        visited.add(browser.page("/login"));
        browser.logIn("alice");
        visited.add(browser.page("/2fa/setup"));
        HtmlPage scan = scanPage(browser);
        visited.add(scan);
        HtmlForm confirm = form(scan, "/2fa/setup");
        input(confirm, "code").setValue(code(manualKey(scan), 0));
        visited.add(html(submit(confirm)));
        visited.add(browser.page("/2fa/devices"));
        visited.add(browser.page("/2fa/setup"));
        app.clock.advance(Duration.ofSeconds(30));
        visited.add(html(signInAgain(browser)));

        for (HtmlPage page : visited) {
            assertNoStore(page);
            assertEquals(List.of(), unlabelled(page), () -> "unlabelled inputs on " + page.getUrl() + "\n" + page.asXml());
        }
        Page css = browser.open("/2fa/static/twostep.css");
        assertEquals(200, css.getWebResponse().getStatusCode());
        assertEquals("text/css", css.getWebResponse().getContentType());
    }

    @Test
    void verifyPageWhenBrowserPrefersGermanThenGermanTexts() throws Exception {
        Enrolment enrolment = enrol(browser);
        browser.signOut();
        browser.language("de");

        HtmlPage verify = html(browser.logIn("alice"));

        assertEquals("de", verify.getDocumentElement().getAttribute("lang"));
        assertEquals("Bestätigen", form(verify, "/2fa/verify").querySelector("button[type=submit]").asNormalizedText());
        assertEquals("Bestätigungscode", verify.querySelector("label[for=code]").asNormalizedText());
        HtmlForm form = form(verify, "/2fa/verify");
        input(form, "code").setValue("000000".equals(code(enrolment.secret(), 0)) ? "111111" : "000000");
        HtmlPage failed = html(submit(form));
        assertEquals("Dieser Code hat nicht funktioniert. Bitte prüfen und erneut versuchen.", text(failed, "code-error"));
    }

    @Test
    void scanPageWhenBrowserPrefersGermanThenNoEnglishLeftOver() throws Exception {
        browser.language("de");
        browser.logIn("alice");

        HtmlPage scan = scanPage(browser);

        assertEquals("de", scan.getDocumentElement().getAttribute("lang"));
        HtmlImage qr = scan.querySelector("img.qr");
        assertTrue(qr.getAltAttribute().startsWith("QR-Code"), qr.getAltAttribute());
        for (DomNode image : scan.querySelectorAll(".apps img")) {
            assertTrue(((HtmlImage) image).getAltAttribute().startsWith("QR-Code"), ((HtmlImage) image).getAltAttribute());
        }
    }

    @Test
    void verifyPageWhenTrustThisDeviceIsZeroThenNoTrustCheckbox() throws Exception {
        start(TestApp.settings("\"trustThisDevice\": 0"));
        enrol(browser);

        HtmlPage verify = html(signInAgain(browser));

        assertEquals("/2fa/verify", path(verify));
        assertTrue(form(verify, "/2fa/verify").getInputsByName("trustDevice").isEmpty(), verify.asXml());
    }

    @Test
    void verifyPageWhenDefaultSettingsThenTrustCheckboxOffered() throws Exception {
        enrol(browser);

        HtmlPage verify = html(signInAgain(browser));

        HtmlInput trust = form(verify, "/2fa/verify").getInputByName("trustDevice");
        assertFalse(((HtmlCheckBoxInput) trust).isChecked(), "trust must be chosen, never preset");
        assertTrue(verify.querySelector("label[for='" + trust.getId() + "']").asNormalizedText().contains("180"));
    }

    @Test
    void verifyPageWhenFourDigitCodesThenHintNamesFourDigits() throws Exception {
        start(TestApp.settings("\"code\": {\"length\": 4, \"period\": 60, \"window\": 180}"));
        browser.logIn("alice");
        HtmlPage scan = scanPage(browser);
        HtmlForm confirm = form(scan, "/2fa/setup");
        Totp totp = new Totp(Algorithm.SHA1, 4, 60, 180, app.clock);
        input(confirm, "code").setValue(totp.key(manualKey(scan)).generate(totp.currentStep()));
        assertEquals(10, backupCodes(html(submit(confirm))).size());

        HtmlPage verify = html(signInAgain(browser));

        String hint = text(verify, "code-hint");
        assertFalse(hint.toLowerCase(java.util.Locale.ROOT).contains("six"), hint);
        assertTrue(hint.contains("4"), hint);
    }

    @Test
    void enableWhenNoMethodChosenThenErrorTiedToTheMethodsNotTheCode() throws Exception {
        browser.logIn("alice");
        HtmlPage scan = scanPage(browser);
        HtmlForm confirm = form(scan, "/2fa/setup");
        check(confirm, "methods", "app", false);
        check(confirm, "methods", "email", false);
        input(confirm, "code").setValue(code(manualKey(scan), 0));

        HtmlPage again = html(submit(confirm));

        assertNotNull(again.getElementById("confirm-error"));
        assertEquals("confirm-error", again.querySelector("fieldset").getAttributes()
                .getNamedItem("aria-describedby").getNodeValue());
        assertEquals("", again.getHtmlElementById("code").getAttribute("aria-invalid"));
    }

    @Test
    void turnOffWhenWrongPasswordThenErrorTiedToItsPasswordAndStillOn() throws Exception {
        enrol(browser);
        HtmlForm disable = stepForm(browser.page("/2fa/setup"), "disable");
        input(disable, "password").setValue("wrong");

        HtmlPage failed = html(submit(disable));

        assertErrorTied(failed, "password", "disable-error", "disable-password");
        assertEquals("", failed.getHtmlElementById("password").getAttribute("aria-invalid"));
        HtmlForm again = stepForm(failed, "disable");
        input(again, "password").setValue("alice-password");
        assertEquals("/", path(submit(again)));
        assertEquals("/", path(signInAgainByClearingCookies()), "2FA is off: no code asked");
    }

    @Test
    void verifyPageWhenDialNumberSetThenHintNamesIt() throws Exception {
        start(TestApp.settings("\"verify\": {\"dial\": \"+1 555 0199\"}"));
        enrol(browser);

        HtmlPage verify = html(signInAgain(browser));

        assertTrue(verify.asNormalizedText().contains("Can't use any of these? Call +1 555 0199: an operator"),
                verify.asNormalizedText());
    }

    @Test
    void setupPageWhenEnrolledAndNoRecentCodeThenAsksForOneAndComesBack() throws Exception {
        Enrolment enrolment = enrol(browser);
        app.clock.advance(Duration.ofMinutes(5));

        HtmlPage verify = browser.page("/2fa/setup");

        assertEquals("/2fa/verify", path(verify));
        assertEquals("Please enter a verification code first.", verify.querySelector(".notice").asNormalizedText());
        HtmlForm form = form(verify, "/2fa/verify");
        input(form, "code").setValue(code(enrolment.secret(), 0));
        HtmlPage setup = html(submit(form));
        assertEquals("/2fa/setup", path(setup));
        assertNotNull(stepForm(setup, "disable"));
    }

    @Test
    void verifyPageWhenLockedThenSaysForHowLongInWords() throws Exception {
        start(TestApp.settings("\"lockout\": {\"maxFailedAttempts\": 2, \"minutes\": 1}"));
        Enrolment enrolment = enrol(browser);
        HtmlPage page = html(signInAgain(browser));
        for (int i = 0; i < 2; i++) {
            HtmlForm form = form(page, "/2fa/verify");
            input(form, "code").setValue("wrong" + i);
            page = html(submit(form));
            assertEquals("That code did not work. Check it and try again.", text(page, "code-error"));
        }

        HtmlForm form = form(page, "/2fa/verify");
        input(form, "code").setValue(code(enrolment.secret(), 0));
        HtmlPage locked = html(submit(form));

        assertEquals("Too many wrong codes. Try again in 1 minute, or ask an administrator to unlock your account.",
                text(locked, "code-error"));
        assertErrorTied(locked, "code", "code-error");
    }

    @Test
    void requiredSetupWhenSignedInThenHeldAtSetUpAndAfterEnablingContinuesToTheFirstPage() throws Exception {
        start(TestApp.settings("\"setup\": {\"mode\": \"required\"}"));
        HtmlPage login = html(browser.open("/protected"));

        HtmlPage setup = html(HtmlBrowser.logIn(login, "alice", "alice-password"));

        assertEquals("/2fa/setup", path(setup));
        assertEquals("/2fa/setup", path(browser.open("/protected")));
        assertEquals("/2fa/setup", path(browser.open("/2fa/devices")));
        assertEquals("/", path(submit(form(setup, "/logout"))), "a user held at set-up can still sign out");
        assertEquals("/login", path(browser.open("/protected")));
        assertEquals("/2fa/setup", path(browser.logIn("alice")));
        HtmlPage scan = scanPage(browser);
        HtmlForm confirm = form(scan, "/2fa/setup");
        input(confirm, "code").setValue(code(manualKey(scan), 0));
        HtmlPage done = html(submit(confirm));
        Page next = ((HtmlAnchor) done.getHtmlElementById("continue")).click();
        assertEquals("/protected", path(next));
        assertEquals("app:/protected:alice:admin=false", next.getWebResponse().getContentAsString());
        HtmlPage renewed = html(submit(form(done, "/2fa/setup")));
        assertEquals("/", ((HtmlAnchor) renewed.getHtmlElementById("continue")).getHrefAttribute());
    }

    private Page signInAgainByClearingCookies() throws Exception {
        browser.client.getCookieManager().clearCookies();
        return browser.logIn("alice");
    }

    private static HtmlForm stepForm(HtmlPage page, String step) {
        List<HtmlForm> forms = page.getForms().stream()
                .filter(f -> !f.getInputsByName("step").isEmpty() && f.getInputByName("step").getValue().equals(step))
                .toList();
        assertEquals(1, forms.size(), page::asXml);
        return forms.get(0);
    }

    private static void assertErrorTied(HtmlPage page, String name, String errorId) {
        assertErrorTied(page, name, errorId, null);
    }

    /** The input named {@code name} (or with {@code id}) is described by the error {@code errorId} and marked invalid. */
    private static void assertErrorTied(HtmlPage page, String name, String errorId, String id) {
        assertNotNull(page.getElementById(errorId), () -> "no error " + errorId + " on " + page.asXml());
        HtmlInput input = page.querySelector(id == null ? "input[name=" + name + "]" : "input#" + id);
        assertTrue(List.of(input.getAttribute("aria-describedby").split(" ")).contains(errorId),
                () -> input.asXml());
        assertEquals("true", input.getAttribute("aria-invalid"));
    }
}
