package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import java.net.URL;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The administrator's page, driven through its HTML with HtmlUnit. */
class AdminPagesIT {
    private TestApp app;
    private WebClient web;

    @BeforeEach
    void start() throws Exception {
        app = new TestApp(TestApp.settings(""));
        web = new WebClient();
        web.getOptions().setJavaScriptEnabled(false);
        web.getOptions().setThrowExceptionOnFailingStatusCode(false);
        web.getOptions().setCssEnabled(false);
    }

    @AfterEach
    void stop() throws Exception {
        web.close();
        app.close();
    }

    private void signIn(String user) throws Exception {
        HtmlPage login = web.getPage(new URL(app.uri("/login").toString()));
        HtmlForm form = login.getForms().get(0);
        form.getInputByName("username").setValue(user);
        form.getInputByName("password").setValue(user + "-password");
        form.getOneHtmlElementByAttribute("button", "type", "submit").click();
    }

    private OtpSecret enrolAlice() throws Exception {
        Browser alice = new Browser(app);
        alice.login("alice");
        JsonNode setup = Browser.json(alice.post("/2fa/api/setup/start",
                "{\"password\": \"alice-password\", \"consent\": true}"));
        OtpSecret secret = OtpSecret.fromBase32(setup.get("secret").asText());
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, app.clock);
        alice.post("/2fa/api/setup/confirm", "{\"code\": \"" + totp.key(secret).generate(totp.currentStep())
                + "\", \"methods\": [\"app\"]}");
        return secret;
    }

    private HtmlPage press(HtmlPage page, String action) throws Exception {
        for (HtmlForm form : page.getForms()) {
            if (!form.getInputsByName("action").isEmpty()
                    && form.getInputByName("action").getValue().equals(action)) {
                return ((HtmlButton) form.getFirstByXPath(".//button")).click();
            }
        }
        throw new AssertionError("no form for " + action);
    }

    @Test
    void adminPageWhenEmergencyCodeCreatedThenShownOnceAndUsableByTheUser() throws Exception {
        enrolAlice();
        signIn("admin");

        HtmlPage page = web.getPage(new URL(app.uri("/2fa/admin?user=alice").toString()));
        assertEquals(200, page.getWebResponse().getStatusCode());
        assertEquals("yes", page.getElementById("fact-enrolled").getTextContent());
        assertEquals("app", page.getElementById("fact-methods").getTextContent());
        HtmlPage shown = press(page, "emergency-code");
        String code = shown.getElementById("shown-code").getTextContent();
        assertTrue(code.matches("[A-Z]{6}"), code);

        Browser alice = new Browser(app);
        assertEquals("challenge", Browser.json(alice.login("alice")).get("state").asText());
        assertEquals(200, alice.post("/2fa/api/verify", "{\"code\": \"" + code + "\"}").statusCode());
        HtmlPage audit = web.getPage(new URL(app.uri("/2fa/admin?user=alice").toString()));
        assertTrue(audit.asNormalizedText().contains("emergency_code_used"), audit.asNormalizedText());
        assertTrue(!audit.asNormalizedText().contains(code));
    }

    @Test
    void adminPageWhenResetThenAskedFirstAndOnlyTheAnswerResets() throws Exception {
        enrolAlice();
        signIn("admin");
        HtmlPage page = web.getPage(new URL(app.uri("/2fa/admin?user=alice").toString()));

        HtmlPage asked = press(page, "reset");

        assertEquals("yes", asked.getElementById("fact-enrolled").getTextContent(), "nothing reset before the answer");
        assertTrue(asked.getElementById("reset-question").getTextContent().contains("alice"));
        HtmlPage cancelled = asked.getHtmlElementById("reset-cancel").click();
        assertEquals("yes", cancelled.getElementById("fact-enrolled").getTextContent());
        HtmlPage after = ((HtmlButton) press(cancelled, "reset").getElementById("reset-yes")).click();
        assertEquals("Two-factor authentication for alice was reset.",
                after.getElementById("admin-notice").getTextContent());
        assertEquals("no", after.getElementById("fact-enrolled").getTextContent());
    }

    @Test
    void adminPageWhenOperatorCodeSavedThenSaysForWhomAndTimesAreReadable() throws Exception {
        enrolAlice();
        signIn("admin");
        HtmlPage page = web.getPage(new URL(app.uri("/2fa/admin?user=alice").toString()));
        HtmlForm form = page.getHtmlElementById("operator-code").getEnclosingFormOrDie();
        form.getInputByName("code").setValue("4711");

        HtmlPage after = ((HtmlButton) form.getFirstByXPath(".//button")).click();

        assertEquals("The operator's code for alice is saved. The user can enter it on the verification page now.",
                after.getElementById("admin-notice").getTextContent());
        DomElement time = after.querySelector(".audit time");
        assertEquals("2026-05-01T09:00:00Z", time.getAttribute("datetime"));
        assertEquals("May 1, 2026, 9:00\u202fAM UTC".replace('\u202f', ' '),
                time.getTextContent().replace('\u202f', ' '));
        assertNotNull(after.querySelector(".scroll > table.audit"), "the audit table scrolls inside its card");
    }

    @Test
    void adminPageWhenNotAdminThenForbiddenAndWhenAnonymousThenUnauthorised() throws Exception {
        assertEquals(401, new Browser(app).get("/2fa/admin").statusCode());
        signIn("bob");

        Page page = web.getPage(new URL(app.uri("/2fa/admin?user=alice").toString()));

        assertEquals(403, page.getWebResponse().getStatusCode());
    }
}
