package io.github.twostep.internal.web;

import static io.github.twostep.internal.web.HtmlBrowser.assertNoStore;
import static io.github.twostep.internal.web.HtmlBrowser.check;
import static io.github.twostep.internal.web.HtmlBrowser.form;
import static io.github.twostep.internal.web.HtmlBrowser.html;
import static io.github.twostep.internal.web.HtmlBrowser.input;
import static io.github.twostep.internal.web.HtmlBrowser.path;
import static io.github.twostep.internal.web.HtmlBrowser.submit;
import static io.github.twostep.internal.web.HtmlBrowser.text;
import static io.github.twostep.internal.web.PageWalk.assertErrorTied;
import static io.github.twostep.internal.web.PageWalk.backupCodes;
import static io.github.twostep.internal.web.PageWalk.manualKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.otp.Totp;
import java.time.Duration;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verify page walked with a browser without JavaScript: wrong and right codes, trust,
 * trusted devices, backup codes, the lock, hints and language.
 */
class VerifyPageIT {
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
    void signInWhenEnrolledThenVerifyPageAndWrongCodeErrorTiedToTheInput() throws Exception {
        walk.enrol();

        HtmlPage verify = html(walk.signInAgain());

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
        PageWalk.Enrolment enrolment = walk.enrol();
        walk.browser.signOut();
        HtmlPage login = walk.browser.page("/protected");
        assertEquals("/login", path(login));
        HtmlPage verify = html(HtmlBrowser.logIn(login, "alice", "alice-password"));
        assertEquals("/2fa/verify", path(verify));
        HtmlForm form = form(verify, "/2fa/verify");
        input(form, "code").setValue(walk.code(enrolment.secret(), 0));
        check(form, "trustDevice", "true", true);

        Page landed = submit(form);

        assertEquals("/protected", path(landed));
        assertEquals("app:/protected:alice:admin=false", landed.getWebResponse().getContentAsString());
        assertNotNull(walk.browser.client.getCookieManager().getCookie("twostep_trust"));
        HtmlPage devices = walk.browser.page("/2fa/devices");
        assertNoStore(devices);
        assertEquals(1, devices.querySelectorAll(".devices li").size(), devices.asXml());
        assertFalse(devices.querySelector(".devices li strong").asNormalizedText().isBlank(), devices.asXml());
        assertEquals(1, devices.querySelectorAll(".devices li .tag").size(), "the device just trusted is this one");
    }

    @Test
    void devicesPageWhenRevokedThenGoneAndNextSignInAsksForACode() throws Exception {
        PageWalk.Enrolment enrolment = walk.enrol();
        HtmlForm form = form(html(walk.signInAgain()), "/2fa/verify");
        input(form, "code").setValue(walk.code(enrolment.secret(), 0));
        check(form, "trustDevice", "true", true);
        submit(form);
        walk.app.clock.advance(Duration.ofSeconds(30));
        Page trusted = walk.signInAgain();
        assertEquals("/", path(trusted), "a trusted browser signs in without a code");
        HtmlPage devices = walk.browser.page("/2fa/devices");
        assertEquals(1, devices.querySelectorAll(".devices li .tag").size(), devices.asXml());
        HtmlForm revokeForm = devices.querySelector(".devices li form"); // the page also has the sign-in methods' forms
        HtmlElement revoke = revokeForm.querySelector("button");
        assertEquals(devices.querySelector(".devices li strong").asNormalizedText(),
                text(devices, revoke.getAttribute("aria-describedby")), "the button says which device it revokes");

        HtmlPage after = html(submit(revokeForm));

        assertEquals("/2fa/devices", path(after));
        assertEquals(0, after.querySelectorAll(".devices li").size(), after.asXml());
        assertNotNull(after.getElementById("no-devices"));
        assertEquals("/2fa/verify", path(walk.signInAgain()));
    }

    @Test
    void verifyWhenBackupCodeThenAcceptedOnceOnly() throws Exception {
        PageWalk.Enrolment enrolment = walk.enrol();
        String backup = enrolment.backupCodes().get(3);
        HtmlForm form = form(html(walk.signInAgain()), "/2fa/verify");
        input(form, "code").setValue(backup);

        assertEquals("/", path(submit(form)));

        HtmlForm again = form(html(walk.signInAgain()), "/2fa/verify");
        input(again, "code").setValue(backup);
        HtmlPage refused = html(submit(again));
        assertEquals("/2fa/verify", path(refused));
        assertNotNull(refused.getElementById("code-error"));
    }

    @Test
    void verifyPageWhenBrowserPrefersGermanThenGermanTexts() throws Exception {
        PageWalk.Enrolment enrolment = walk.enrol();
        walk.browser.signOut();
        walk.browser.language("de");

        HtmlPage verify = html(walk.browser.logIn("alice"));

        assertEquals("de", verify.getDocumentElement().getAttribute("lang"));
        assertEquals("Bestätigen", form(verify, "/2fa/verify").querySelector("button[type=submit]").asNormalizedText());
        assertEquals("Bestätigungscode", verify.querySelector("label[for=code]").asNormalizedText());
        HtmlForm form = form(verify, "/2fa/verify");
        input(form, "code").setValue("000000".equals(walk.code(enrolment.secret(), 0)) ? "111111" : "000000");
        HtmlPage failed = html(submit(form));
        assertEquals("Dieser Code hat nicht funktioniert. Bitte prüfen und erneut versuchen.", text(failed, "code-error"));
    }

    @Test
    void verifyPageWhenTrustThisDeviceIsZeroThenNoTrustCheckbox() throws Exception {
        restart(TestApp.settings("\"trustThisDevice\": 0"));
        walk.enrol();

        HtmlPage verify = html(walk.signInAgain());

        assertEquals("/2fa/verify", path(verify));
        assertTrue(form(verify, "/2fa/verify").getInputsByName("trustDevice").isEmpty(), verify.asXml());
    }

    @Test
    void verifyPageWhenDefaultSettingsThenTrustCheckboxOffered() throws Exception {
        walk.enrol();

        HtmlPage verify = html(walk.signInAgain());

        HtmlInput trust = form(verify, "/2fa/verify").getInputByName("trustDevice");
        assertFalse(((HtmlCheckBoxInput) trust).isChecked(), "trust must be chosen, never preset");
        assertTrue(verify.querySelector("label[for='" + trust.getId() + "']").asNormalizedText().contains("180"));
    }

    @Test
    void verifyPageWhenFourDigitCodesThenHintNamesFourDigits() throws Exception {
        restart(TestApp.settings("\"code\": {\"length\": 4, \"period\": 60, \"window\": 180}"));
        walk.browser.logIn("alice");
        HtmlPage scan = walk.scanPage();
        HtmlForm confirm = form(scan, "/2fa/setup");
        Totp totp = new Totp(Algorithm.SHA1, 4, 60, 180, walk.app.clock);
        input(confirm, "code").setValue(totp.key(manualKey(scan)).generate(totp.currentStep()));
        assertEquals(10, backupCodes(html(submit(confirm))).size());

        HtmlPage verify = html(walk.signInAgain());

        String hint = text(verify, "code-hint");
        assertFalse(hint.toLowerCase(java.util.Locale.ROOT).contains("six"), hint);
        assertTrue(hint.contains("4"), hint);
    }

    @Test
    void verifyPageWhenDialNumberSetThenHintNamesItAsAPhoneLink() throws Exception {
        restart(TestApp.settings("\"verify\": {\"dial\": \"+1 555 0199\"}"));
        walk.enrol();

        HtmlPage verify = html(walk.signInAgain());

        assertEquals("Can't use any of these? An operator can give you a one-time code: +1 555 0199",
                text(verify, "dial-hint"));
        assertEquals("tel:+15550199", verify.getHtmlElementById("dial-hint").getElementsByTagName("a").get(0)
                .getAttribute("href"));
    }

    @Test
    void verifyPageWhenLockedThenSaysForHowLongInWords() throws Exception {
        restart(TestApp.settings("\"lockout\": {\"maxFailedAttempts\": 2, \"minutes\": 1}"));
        PageWalk.Enrolment enrolment = walk.enrol();
        HtmlPage page = html(walk.signInAgain());
        for (int i = 0; i < 2; i++) {
            HtmlForm form = form(page, "/2fa/verify");
            input(form, "code").setValue("wrong" + i);
            page = html(submit(form));
            assertEquals("That code did not work. Check it and try again.", text(page, "code-error"));
        }

        HtmlForm form = form(page, "/2fa/verify");
        input(form, "code").setValue(walk.code(enrolment.secret(), 0));
        HtmlPage locked = html(submit(form));

        assertEquals("Too many wrong codes. Try again in 1 minute, or ask an administrator to unlock your account.",
                text(locked, "code-error"));
        assertErrorTied(locked, "code", "code-error");
    }
}
