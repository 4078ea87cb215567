package io.github.twostep.internal.web;

import static io.github.twostep.internal.web.HtmlBrowser.check;
import static io.github.twostep.internal.web.HtmlBrowser.form;
import static io.github.twostep.internal.web.HtmlBrowser.html;
import static io.github.twostep.internal.web.HtmlBrowser.input;
import static io.github.twostep.internal.web.HtmlBrowser.path;
import static io.github.twostep.internal.web.HtmlBrowser.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.config.Algorithm;
import io.github.twostep.delivery.Channel;
import io.github.twostep.delivery.DevOutbox;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sign-in methods on {@code P/devices}: alice, set up with the app only, adds email with
 * the emailed code, removes the app, and is never offered removing her last method; a change
 * without a recent code goes through the verify page and back.
 */
class MethodPagesIT {
    private static final Pattern CODE = Pattern.compile("\\b\\d{6}\\b");

    private TestApp app;
    private HtmlBrowser browser;
    private final DevOutbox outbox = new DevOutbox(Clock.systemUTC());

    @BeforeEach
    void start() throws Exception {
        app = new TestApp(TestApp.settings(""), builder -> builder.codeSender(outbox));
        browser = new HtmlBrowser(app::uri);
    }

    @AfterEach
    void stop() throws Exception {
        browser.close();
        app.close();
    }

    private String appCode(OtpSecret secret) {
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, app.clock);
        return totp.key(secret).generate(totp.currentStep());
    }

    private OtpSecret enrolWithAppOnly() throws Exception {
        browser.logIn("alice");
        HtmlForm start = form(browser.page("/2fa/setup"), "/2fa/setup");
        input(start, "password").setValue("alice-password");
        check(start, "consent", "true", true);
        HtmlPage scan = html(submit(start));
        OtpSecret secret = PageWalk.manualKey(scan);
        HtmlForm confirm = form(scan, "/2fa/setup");
        check(confirm, "methods", "app", true);
        check(confirm, "methods", "email", false);
        input(confirm, "code").setValue(appCode(secret));
        submit(confirm);
        app.clock.advance(Duration.ofSeconds(30));
        return secret;
    }

    /** The code in the newest email that has one (a security notice has none, and may come later). */
    private String lastEmailedCode() {
        List<String> codes = outbox.messages().stream().filter(m -> m.channel() == Channel.EMAIL)
                .map(m -> CODE.matcher(m.body())).filter(Matcher::find).map(Matcher::group).toList();
        assertFalse(codes.isEmpty(), "an email with a code");
        return codes.get(codes.size() - 1);
    }

    private static HtmlForm removeForm(HtmlPage page, String method) {
        return page.getFirstByXPath("//li[@id='method-" + method + "']//form");
    }

    @Test
    void devicesPageWhenEmailAddedByItsCodeThenAppCanBeRemovedButNeverTheLastMethod() throws Exception {
        OtpSecret secret = enrolWithAppOnly();
        HtmlPage devices = browser.page("/2fa/devices");
        assertNotNull(devices.getElementById("method-app"));
        assertNull(removeForm(devices, "app"), "the only method has no remove button");

        HtmlPage sent = ((HtmlButton) devices.getHtmlElementById("add-email")).click();
        assertTrue(sent.getHtmlElementById("method-sent").asNormalizedText().contains("a***@example.com"),
                sent.asNormalizedText());
        HtmlForm confirm = (HtmlForm) sent.getHtmlElementById("method-confirm");
        String emailed = lastEmailedCode();
        input(confirm, "code").setValue(emailed.equals("000000") ? "111111" : "000000");
        HtmlPage wrong = html(submit(confirm));
        assertNotNull(wrong.getElementById("method-error"));
        assertNull(wrong.getElementById("method-email"), "not added");
        input((HtmlForm) wrong.getHtmlElementById("method-confirm"), "code").setValue(emailed);
        HtmlPage added = html(submit((HtmlForm) wrong.getHtmlElementById("method-confirm")));

        assertEquals("Email was added.", added.getHtmlElementById("method-notice").asNormalizedText());
        assertNotNull(removeForm(added, "email"));
        app.clock.advance(Duration.ofMinutes(6));
        HtmlPage verify = html(submit(removeForm(added, "app")));
        assertEquals("/2fa/verify", path(verify), "removing needs a fresh code");
        HtmlForm code = form(verify, "/2fa/verify");
        input(code, "code").setValue(appCode(secret));
        HtmlPage back = html(submit(code));
        assertEquals("/2fa/devices", path(back));
        HtmlPage removed = html(submit(removeForm(back, "app")));

        assertEquals("Authenticator app was removed.", removed.getHtmlElementById("method-notice").asNormalizedText());
        assertNull(removed.getElementById("method-app"));
        assertNotNull(removed.getElementById("method-email"));
        assertNull(removeForm(removed, "email"), "the last method has no remove button");
        assertTrue(Engine.of(app.twoStep).accounts().lookup("alice").orElseThrow().enabled());
    }
}
