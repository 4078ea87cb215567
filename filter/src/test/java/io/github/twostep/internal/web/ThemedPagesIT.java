package io.github.twostep.internal.web;

import static io.github.twostep.internal.web.HtmlBrowser.check;
import static io.github.twostep.internal.web.HtmlBrowser.form;
import static io.github.twostep.internal.web.HtmlBrowser.html;
import static io.github.twostep.internal.web.HtmlBrowser.input;
import static io.github.twostep.internal.web.HtmlBrowser.path;
import static io.github.twostep.internal.web.HtmlBrowser.submit;
import static io.github.twostep.internal.web.HtmlBrowser.text;
import static io.github.twostep.internal.web.PageWalk.backupCodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.github.twostep.config.VerifyMethod;
import io.github.twostep.delivery.CodeSender;
import io.github.twostep.delivery.OutgoingMessage;
import io.github.twostep.internal.core.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages dressed as the host application ({@code pages}), set-up by email on the page, and
 * the verify page's wording for users without an app.
 */
class ThemedPagesIT {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path templates;

    private PageWalk walk;

    @AfterEach
    void stop() throws Exception {
        if (walk != null) {
            walk.close();
        }
    }

    private static String smtp() {
        return """
                "smtp": {"host": "127.0.0.1", "port": %d, "starttls": false, "from": "no-reply@example.com",
                         "timeoutSeconds": 5}""".formatted(SMTP.getSmtp().getPort());
    }

    private static String lastCode(int mails) {
        assertTrue(SMTP.waitForIncomingEmail(10_000, mails));
        Matcher code = Pattern.compile("\\b\\d{6}\\b").matcher(GreenMailUtil.getBody(SMTP.getReceivedMessages()[mails - 1]));
        assertTrue(code.find());
        return code.group();
    }

    @Test
    void pagesWhenThemedThenOverrideTemplateAndStylesheetUsedAndOtherTemplatesFallBack() throws Exception {
        Files.writeString(templates.resolve("devices.mustache"),
                "{{>layout-top}}<p id=\"acme-devices\">Acme devices of {{user}}: {{#devices}}{{label}}{{/devices}}</p>"
                        + "{{>layout-bottom}}");
        Files.writeString(templates.resolve("README.txt"), "other files are left alone");
        walk = new PageWalk(TestApp.settings("""
                "pages": {"appName": "Acme Portal", "homeUrl": "/home", "stylesheet": "/css/acme.css",
                          "templates": "%s"}""".formatted(templates.toString().replace("\\", "\\\\"))));

        HtmlPage login = walk.browser.page("/login");
        walk.browser.logIn("alice");
        HtmlPage devices = walk.browser.page("/2fa/devices");

        assertEquals("Acme devices of alice:", text(devices, "acme-devices"));
        for (HtmlPage page : List.of(login, devices)) {
            List<String> sheets = page.querySelectorAll("link[rel=stylesheet]").stream()
                    .map(n -> ((DomElement) n).getAttribute("href")).toList();
            assertEquals(List.of("/2fa/static/twostep.css", "/css/acme.css"), sheets, "TwoStep's first, the app's last");
            assertEquals("Acme Portal", text(page, "app-home"));
            assertEquals("/home", page.getHtmlElementById("app-home").getAttribute("href"));
            assertEquals("/home", page.getHtmlElementById("back-to-app").getAttribute("href"));
            assertEquals("Back to Acme Portal", text(page, "back-to-app"));
            assertTrue(page.getTitleText().endsWith(" · Acme Portal"), page.getTitleText());
            assertTrue(page.getWebResponse().getResponseHeaderValue("Content-Security-Policy")
                    .contains("style-src 'self';"), "a stylesheet in the application needs no new origin");
        }
    }

    @Test
    void pagesWhenStylesheetElsewhereThenItsOriginAllowedAndNothingMore() throws Exception {
        walk = new PageWalk(TestApp.settings("""
                "pages": {"stylesheet": "https://cdn.example.com/acme/twostep.css"}"""));

        HtmlPage login = walk.browser.page("/login");

        assertEquals("https://cdn.example.com/acme/twostep.css",
                ((DomElement) login.querySelectorAll("link[rel=stylesheet]").get(1)).getAttribute("href"));
        String csp = login.getWebResponse().getResponseHeaderValue("Content-Security-Policy");
        assertTrue(csp.contains("style-src 'self' https://cdn.example.com;"), csp);
        assertEquals("Two-factor authentication", text(login, "app-home"), "no appName: the feature's name");
        assertEquals("/", login.getHtmlElementById("back-to-app").getAttribute("href"));
        assertEquals("Back to the application", text(login, "back-to-app"));
    }

    @Test
    void setupWhenOnlyEmailChosenOnThePageThenSendButtonDeliversTheCodeThatEnables() throws Exception {
        walk = new PageWalk(TestApp.settings("\"verify\": {\"sms\": false}, " + smtp()));
        walk.browser.logIn("alice");
        HtmlPage scan = walk.scanPage();
        HtmlForm confirm = form(scan, "/2fa/setup");
        assertFalse(((HtmlCheckBoxInput) confirm.getInputByValue("email")).isChecked(), "nothing chosen for the user");
        assertTrue(((HtmlCheckBoxInput) confirm.getInputByValue("app")).isChecked());
        assertTrue(scan.getHtmlElementById("code").hasAttribute("autofocus"));

        HtmlPage sent = html(submit(form(scan, "/2fa/setup?action=send")));

        assertTrue(text(sent, "sent-notice").startsWith("We sent a code to a"), text(sent, "sent-notice"));
        HtmlForm again = form(sent, "/2fa/setup");
        assertTrue(((HtmlCheckBoxInput) again.getInputByValue("email")).isChecked());
        assertFalse(((HtmlCheckBoxInput) again.getInputByValue("app")).isChecked());
        input(again, "code").setValue(lastCode(1));
        HtmlPage done = html(submit(again));
        assertEquals(10, backupCodes(done).size(), done.asNormalizedText());
        assertEquals(Set.of(VerifyMethod.EMAIL), Engine.of(walk.app.twoStep).accounts().lookup("alice").orElseThrow().methods());
    }

    @Test
    void setupWhenWrongCodeThenErrorSitsAtTheCodeFieldNotAboveTheMethods() throws Exception {
        walk = new PageWalk(TestApp.settings(""));
        walk.browser.logIn("alice");
        HtmlPage scan = walk.scanPage();
        HtmlForm confirm = form(scan, "/2fa/setup");
        input(confirm, "code").setValue("000000".equals(walk.code(PageWalk.manualKey(scan), 0)) ? "111111" : "000000");

        HtmlPage again = html(submit(confirm));

        DomNode error = again.getHtmlElementById("confirm-error");
        assertEquals("code", ((DomElement) error.getNextElementSibling()).getId(), "the error right above the field");
        assertNull(again.querySelector("fieldset .error"));
    }

    @Test
    void setupWhenUserHasNoPhoneThenSmsAndCallNotOffered() throws Exception {
        walk = new PageWalk(TestApp.settings("""
                "verify": {"sms": true, "call": true}, "delivery": {"sms": "class:%s", "call": "class:%s"}"""
                .formatted(NoSender.class.getName(), NoSender.class.getName())));
        walk.browser.logIn("alice");

        HtmlPage scan = walk.scanPage();

        HtmlForm confirm = form(scan, "/2fa/setup");
        assertTrue(confirm.getInputsByValue("sms").isEmpty());
        assertTrue(confirm.getInputsByValue("call").isEmpty());
        assertNotNull(scan.getElementById("no-phone"));
        assertNull(scan.getElementById("send-sms"));
    }

    @Test
    void verifyPageWhenUserHasNoAppThenWordingForSentCodesDialLinkAndWaitInMinutes() throws Exception {
        walk = new PageWalk(TestApp.settings("""
                "verify": {"dial": "+1 555 0100"}, "messageCode": {"resendSeconds": 0, "maxSendsPerHour": 1},
                """ + smtp()));
        walk.browser.logIn("alice");
        HtmlForm confirm = form(html(submit(form(walk.scanPage(), "/2fa/setup?action=send"))), "/2fa/setup");
        input(confirm, "code").setValue(lastCode(1));
        backupCodes(html(submit(confirm)));
        walk.app.clock.advance(Duration.ofMinutes(61));
        walk.browser.client.getCookieManager().clearCookies();

        HtmlPage verify = html(walk.browser.logIn("alice"));

        assertEquals("/2fa/verify", path(verify));
        assertEquals("Use a code we sent you, or one of your backup codes.", text(verify, "verify-intro"));
        assertEquals("The code we sent you, or a backup code such as abcd-efgh.", text(verify, "code-hint"));
        assertEquals("tel:+15550100", ((DomElement) verify.getHtmlElementById("dial-hint").querySelector("a")).getAttribute("href"));
        HtmlPage first = html(submit(form(verify, "/2fa/verify?action=send")));
        assertNull(first.querySelector(".error"), first.asNormalizedText());
        HtmlPage second = html(submit(form(first, "/2fa/verify?action=send")));
        assertEquals("Please wait 60 minutes before asking for another code.",
                second.querySelector(".error").asNormalizedText());
    }

    @Test
    void verifyPageWhenNewBrowserIsCheckedByEmailThenWordingIsAboutTheEmailNotAnApp() throws Exception {
        walk = new PageWalk(TestApp.settings("\"deviceAuthorization\": {\"enabled\": true}, " + smtp()));

        HtmlPage verify = html(walk.browser.logIn("alice"));

        assertEquals("/2fa/verify", path(verify));
        assertEquals("This browser is new to us. To check that it is you, get a code by email below and enter it here.",
                text(verify, "verify-intro"));
        assertEquals("The code from the email.", text(verify, "code-hint"));
    }

    @Test
    void devicesPageWhenDeviceTrustedThenDatesInTheReadersLanguageToTheMinute() throws Exception {
        walk = new PageWalk(TestApp.settings(""));
        walk.browser.language("de");
        PageWalk.Enrolment enrolment = walk.enrol();
        walk.browser.signOut();
        HtmlPage verify = html(walk.browser.logIn("alice"));
        HtmlForm form = form(verify, "/2fa/verify");
        input(form, "code").setValue(walk.code(enrolment.secret(), 0));
        check(form, "trustDevice", "true", true);
        submit(form);

        HtmlPage devices = walk.browser.page("/2fa/devices");

        DomElement created = devices.querySelector(".devices time");
        assertEquals("2026-05-01T09:00:00Z", created.getAttribute("datetime"));
        assertEquals("01.05.2026, 09:00 UTC", created.getTextContent());
        assertEquals("Zeiten in UTC.", devices.querySelector("main > p.hint").asNormalizedText());
    }

    /** An SMS and call sender that must never be reached in these tests. */
    public static final class NoSender implements CodeSender {
        @Override
        public void send(OutgoingMessage message) {
            throw new AssertionError("no SMS or call expected");
        }
    }
}
