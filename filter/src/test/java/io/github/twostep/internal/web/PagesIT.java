package io.github.twostep.internal.web;

import static io.github.twostep.internal.web.HtmlBrowser.assertNoStore;
import static io.github.twostep.internal.web.HtmlBrowser.check;
import static io.github.twostep.internal.web.HtmlBrowser.form;
import static io.github.twostep.internal.web.HtmlBrowser.html;
import static io.github.twostep.internal.web.HtmlBrowser.input;
import static io.github.twostep.internal.web.HtmlBrowser.path;
import static io.github.twostep.internal.web.HtmlBrowser.submit;
import static io.github.twostep.internal.web.HtmlBrowser.text;
import static io.github.twostep.internal.web.HtmlBrowser.unlabelled;
import static io.github.twostep.internal.web.PageWalk.assertErrorTied;
import static io.github.twostep.internal.web.PageWalk.backupCodes;
import static io.github.twostep.internal.web.PageWalk.decodeQr;
import static io.github.twostep.internal.web.PageWalk.manualKey;
import static io.github.twostep.internal.web.PageWalk.queryParameter;
import static io.github.twostep.internal.web.PageWalk.stepForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.internal.otp.OtpSecret;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.htmlunit.Page;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlImage;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TwoStep's sign-in and set-up pages walked with a browser without JavaScript, and what every
 * page must be: uncached, labelled, translated.
 */
class PagesIT {
    private PageWalk walk;

    @BeforeEach
    void start() throws Exception {
        walk = new PageWalk(TestApp.settings(""));
    }

    /** Starts again on a new application with {@code settings}. */
    private void restart(String settings) throws Exception {
        walk.close();
        walk = new PageWalk(settings);
    }

    @AfterEach
    void stop() throws Exception {
        walk.close();
    }

    @Test
    void protectedPageWhenAnonymousThenLoginPageAndAfterSignInBackToIt() throws Exception {
        Page login = walk.browser.open("/protected");

        assertEquals("/login", path(login));
        assertNoStore(login);
        Page landed = HtmlBrowser.logIn(html(login), "alice", "alice-password");
        assertEquals("/protected", path(landed));
        assertEquals("app:/protected:alice:admin=false", landed.getWebResponse().getContentAsString());
    }

    @Test
    void loginPageWhenOptionalUserSignsInThenHome() throws Exception {
        Page landed = walk.browser.logIn("alice");

        assertEquals("/", path(landed));
        assertEquals("app:/:alice:admin=false", landed.getWebResponse().getContentAsString());
    }

    @Test
    void loginPageWhenWrongPasswordThenErrorTiedToTheInputs() throws Exception {
        HtmlPage failed = html(HtmlBrowser.logIn(walk.browser.page("/login"), "alice", "wrong"));

        assertEquals("/login", path(failed));
        assertErrorTied(failed, "password", "login-error");
        assertEquals("alice", input(form(failed, "/login"), "username").getValue());
    }

    @Test
    void scanPageWhenPasswordAndConsentGivenThenQrCodeCarriesTheManualKey() throws Exception {
        walk.browser.logIn("alice");

        HtmlPage scan = walk.scanPage();

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
        walk.browser.logIn("alice");
        HtmlForm start = form(walk.browser.page("/2fa/setup"), "/2fa/setup");
        input(start, "password").setValue("wrong");
        check(start, "consent", "true", true);

        HtmlPage failed = html(submit(start));

        assertNull(failed.getElementById("secret"));
        assertErrorTied(failed, "password", "setup-error");
    }

    @Test
    void enableWhenCodeFromTheAppThenTenBackupCodesToSaveAndRenew() throws Exception {
        walk.browser.logIn("alice");
        HtmlPage scan = walk.scanPage();
        HtmlForm confirm = form(scan, "/2fa/setup");
        check(confirm, "methods", "app", true);
        input(confirm, "code").setValue(walk.code(manualKey(scan), 0));

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
        walk.browser.logIn("alice");
        HtmlPage scan = walk.scanPage();
        OtpSecret shown = manualKey(scan);
        HtmlForm confirm = form(scan, "/2fa/setup");
        input(confirm, "code").setValue("000000".equals(walk.code(shown, 0)) ? "111111" : "000000");

        HtmlPage again = html(submit(confirm));

        assertEquals(shown, manualKey(again));
        assertErrorTied(again, "code", "confirm-error");
    }

    @Test
    void everyTwoStepPageWhenVisitedThenNoStoreAndEveryInputLabelled() throws Exception {
        List<HtmlPage> visited = new ArrayList<>();
        visited.add(walk.browser.page("/login"));
        walk.browser.logIn("alice");
        visited.add(walk.browser.page("/2fa/setup"));
        HtmlPage scan = walk.scanPage();
        visited.add(scan);
        HtmlForm confirm = form(scan, "/2fa/setup");
        input(confirm, "code").setValue(walk.code(manualKey(scan), 0));
        visited.add(html(submit(confirm)));
        visited.add(walk.browser.page("/2fa/devices"));
        visited.add(walk.browser.page("/2fa/setup"));
        walk.app.clock.advance(Duration.ofSeconds(30));
        visited.add(html(walk.signInAgain()));

        for (HtmlPage page : visited) {
            assertNoStore(page);
            assertEquals(List.of(), unlabelled(page), () -> "unlabelled inputs on " + page.getUrl() + "\n" + page.asXml());
        }
        Page css = walk.browser.open("/2fa/static/twostep.css");
        assertEquals(200, css.getWebResponse().getStatusCode());
        assertEquals("text/css", css.getWebResponse().getContentType());
    }

    @Test
    void scanPageWhenBrowserPrefersGermanThenNoEnglishLeftOver() throws Exception {
        walk.browser.language("de");
        walk.browser.logIn("alice");

        HtmlPage scan = walk.scanPage();

        assertEquals("de", scan.getDocumentElement().getAttribute("lang"));
        HtmlImage qr = scan.querySelector("img.qr");
        assertTrue(qr.getAltAttribute().startsWith("QR-Code"), qr.getAltAttribute());
        for (DomNode image : scan.querySelectorAll(".apps img")) {
            assertTrue(((HtmlImage) image).getAltAttribute().startsWith("QR-Code"), ((HtmlImage) image).getAltAttribute());
        }
    }

    @Test
    void enableWhenNoMethodChosenThenErrorTiedToTheMethodsNotTheCode() throws Exception {
        walk.browser.logIn("alice");
        HtmlPage scan = walk.scanPage();
        HtmlForm confirm = form(scan, "/2fa/setup");
        check(confirm, "methods", "app", false);
        check(confirm, "methods", "email", false);
        input(confirm, "code").setValue(walk.code(manualKey(scan), 0));

        HtmlPage again = html(submit(confirm));

        assertNotNull(again.getElementById("methods-error"));
        assertEquals("methods-error", again.querySelector("fieldset").getAttributes()
                .getNamedItem("aria-describedby").getNodeValue());
        assertEquals("", again.getHtmlElementById("code").getAttribute("aria-invalid"));
    }

    @Test
    void turnOffWhenWrongPasswordThenErrorTiedToItsPasswordAndStillOn() throws Exception {
        walk.enrol();
        HtmlForm disable = stepForm(walk.browser.page("/2fa/setup"), "disable");
        input(disable, "password").setValue("wrong");

        HtmlPage failed = html(submit(disable));

        assertErrorTied(failed, "password", "disable-error", "disable-password");
        assertEquals("", failed.getHtmlElementById("password").getAttribute("aria-invalid"));
        HtmlForm again = stepForm(failed, "disable");
        input(again, "password").setValue("alice-password");
        assertEquals("/", path(submit(again)));
        assertEquals("/", path(walk.signInAgainByClearingCookies()), "2FA is off: no code asked");
    }

    @Test
    void setupPageWhenEnrolledAndNoRecentCodeThenAsksForOneAndComesBack() throws Exception {
        PageWalk.Enrolment enrolment = walk.enrol();
        walk.app.clock.advance(Duration.ofMinutes(5));

        HtmlPage verify = walk.browser.page("/2fa/setup");

        assertEquals("/2fa/verify", path(verify));
        assertEquals("Please enter a verification code first.", verify.querySelector(".notice").asNormalizedText());
        HtmlForm form = form(verify, "/2fa/verify");
        input(form, "code").setValue(walk.code(enrolment.secret(), 0));
        HtmlPage setup = html(submit(form));
        assertEquals("/2fa/setup", path(setup));
        assertNotNull(stepForm(setup, "disable"));
    }

    @Test
    void requiredSetupWhenSignedInThenHeldAtSetUpAndAfterEnablingContinuesToTheFirstPage() throws Exception {
        restart(TestApp.settings("\"setup\": {\"mode\": \"required\"}"));
        HtmlPage login = html(walk.browser.open("/protected"));

        HtmlPage setup = html(HtmlBrowser.logIn(login, "alice", "alice-password"));

        assertEquals("/2fa/setup", path(setup));
        assertEquals("/2fa/setup", path(walk.browser.open("/protected")));
        assertEquals("/2fa/setup", path(walk.browser.open("/2fa/devices")));
        assertEquals("/", path(submit(form(setup, "/logout"))), "a user held at set-up can still sign out");
        assertEquals("/login", path(walk.browser.open("/protected")));
        assertEquals("/2fa/setup", path(walk.browser.logIn("alice")));
        HtmlPage scan = walk.scanPage();
        HtmlForm confirm = form(scan, "/2fa/setup");
        input(confirm, "code").setValue(walk.code(manualKey(scan), 0));
        HtmlPage done = html(submit(confirm));
        Page next = ((HtmlAnchor) done.getHtmlElementById("continue")).click();
        assertEquals("/protected", path(next));
        assertEquals("app:/protected:alice:admin=false", next.getWebResponse().getContentAsString());
        HtmlPage renewed = html(submit(form(done, "/2fa/setup")));
        assertEquals("/", ((HtmlAnchor) renewed.getHtmlElementById("continue")).getHrefAttribute());
    }
}
