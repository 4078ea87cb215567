package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twostep.internal.core.Engine;
import io.github.twostep.internal.core.SoftwareAuthenticator;
import io.github.twostep.internal.store.SecurityKey;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Security keys on the HTML pages over HTTP: the buttons and the script they load (under a
 * policy that still refuses inline script), and the devices page's rename and remove forms,
 * remove asking for a recent verification. The ceremonies themselves run in a real browser in
 * the sample's BrowserIT; here keys are registered through the JSON API with a software
 * authenticator.
 */
class KeyPagesIT {
    private static final String ORIGIN = "https://app.example.com";
    private static final String KEYS_ON = "\"paths\": {\"publicUrl\": \"" + ORIGIN + "\"},"
            + " \"verify\": {\"webauthn\": {\"enabled\": true, \"passkeyLogin\": true}}";
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=)|\\son[a-z]+\\s*=",
            Pattern.CASE_INSENSITIVE);

    /** Registers {@code key} for the signed-in user through the JSON API; answers its id. */
    private static String register(Browser browser, SoftwareAuthenticator key, String name) throws Exception {
        HttpResponse<String> options = browser.post("/2fa/api/webauthn/register/options",
                "{\"password\": \"alice-password\"}");
        assertEquals(200, options.statusCode(), options.body());
        HttpResponse<String> registered = browser.post("/2fa/api/webauthn/register",
                "{\"credential\": " + key.register(options.body()) + ", \"name\": \"" + name + "\"}");
        assertEquals(200, registered.statusCode(), registered.body());
        browser.status();
        return Browser.json(registered).get("key").get("id").asText();
    }

    /** A form post to {@code P/devices} with the session's CSRF token; {@code fields} are name, value, … */
    private static HttpResponse<String> devicesForm(Browser browser, String... fields) throws Exception {
        StringBuilder body = new StringBuilder("_csrf=").append(URLEncoder.encode(
                browser.status().get("csrfToken").asText(), StandardCharsets.UTF_8));
        for (int i = 0; i < fields.length; i += 2) {
            body.append('&').append(fields[i]).append('=').append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return browser.send(HttpRequest.newBuilder(browser.uri("/2fa/devices"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private static void assertScriptPage(HttpResponse<String> page, String ceremony) {
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("data-webauthn=\"" + ceremony + "\""), page.body());
        assertTrue(page.body().contains("<script src=\"/2fa/static/webauthn.js\" defer></script>"));
        assertFalse(INLINE_SCRIPT.matcher(page.body()).find(), "no inline script or event handler");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(policy.contains("default-src 'none'") && policy.contains("script-src 'self'")
                && policy.contains("connect-src 'self'"), policy);
        assertFalse(policy.contains("unsafe"), policy);
    }

    @Test
    void pagesWhenKeysOnThenEachCeremonyHasItsButtonAndLoadsTheScriptWithoutInlineScript() throws Exception {
        try (TestApp app = new TestApp(TestApp.settings(KEYS_ON))) {
            assertScriptPage(new Browser(app).get("/login"), "login");

            Browser alice = new Browser(app);
            alice.login("alice");
            HttpResponse<String> setup = alice.get("/2fa/setup");
            assertScriptPage(setup, "register");
            assertTrue(setup.body().contains("data-password=\"key-password\""), "the first key asks for the password");

            HttpResponse<String> script = alice.get("/2fa/static/webauthn.js");
            assertEquals(200, script.statusCode());
            assertTrue(script.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
            assertTrue(script.body().contains("parseCreationOptionsFromJSON"));

            register(alice, new SoftwareAuthenticator(ORIGIN, false), "Blue key");
            Browser again = new Browser(app);
            again.login("alice");
            HttpResponse<String> verify = again.get("/2fa/verify");
            assertScriptPage(verify, "verify");
            assertTrue(verify.body().contains("Use your security key, or one of your backup codes."), verify.body());
            assertTrue(verify.body().contains("data-trust=\"trust-device\""));
        }
    }

    @Test
    void pagesWhenKeysOffThenNoButtonNoScriptAndThePolicyAllowsNone() throws Exception {
        try (TestApp app = new TestApp(TestApp.settings(""))) {
            HttpResponse<String> login = new Browser(app).get("/login");
            Browser alice = new Browser(app);
            alice.login("alice");
            for (HttpResponse<String> page : List.of(login, alice.get("/2fa/setup"), alice.get("/2fa/devices"))) {
                assertEquals(200, page.statusCode());
                assertFalse(page.body().contains("data-webauthn"), page.uri().toString());
                assertFalse(page.body().contains("<script"), page.uri().toString());
                String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
                assertFalse(policy.contains("script-src"), policy);
            }
        }
    }

    @Test
    void devicesWhenRenamingAndRemovingThenFormsWorkTheLastFactorStaysAndRemoveNeedsARecentVerification()
            throws Exception {
        try (TestApp app = new TestApp(TestApp.settings(KEYS_ON))) {
            Browser alice = new Browser(app);
            alice.login("alice");
            String blue = register(alice, new SoftwareAuthenticator(ORIGIN, false), "Blue key");
            SoftwareAuthenticator spare = new SoftwareAuthenticator(ORIGIN, false);
            HttpResponse<String> options = alice.post("/2fa/api/webauthn/register/options", "{}");
            assertEquals(200, options.statusCode(), options.body());
            assertEquals(200, alice.post("/2fa/api/webauthn/register",
                    "{\"credential\": " + spare.register(options.body()) + ", \"name\": \"Spare\"}").statusCode());

            HttpResponse<String> page = alice.get("/2fa/devices");
            assertScriptPage(page, "register");
            assertTrue(page.body().contains(">Blue key</strong>") && page.body().contains(">Spare</strong>"));
            assertTrue(page.body().contains("not used yet"));

            HttpResponse<String> renamed = devicesForm(alice, "action", "rename-key", "key", blue, "name", "Old key");
            assertEquals(302, renamed.statusCode());
            assertTrue(renamed.headers().firstValue("Location").orElseThrow().endsWith("/2fa/devices?key=renamed"));
            HttpResponse<String> after = alice.get("/2fa/devices?key=renamed");
            assertTrue(after.body().contains(">Old key</strong>") && after.body().contains("The security key was renamed."));

            app.clock.advance(Duration.ofMinutes(6));
            HttpResponse<String> stale = devicesForm(alice, "action", "remove-key", "key", blue);
            assertEquals(302, stale.statusCode());
            assertTrue(stale.headers().firstValue("Location").orElseThrow().endsWith("/2fa/verify"));
            assertEquals(2, Engine.of(app.twoStep).accounts().securityKeys("alice").size(), "nothing removed without a recent verification");

            HttpResponse<String> challenge = alice.post("/2fa/api/webauthn/authenticate/options", "");
            HttpResponse<String> verified = alice.post("/2fa/api/webauthn/verify",
                    "{\"credential\": " + spare.authenticate(challenge.body()) + "}");
            assertEquals(200, verified.statusCode(), verified.body());
            assertEquals("/2fa/devices", Browser.json(verified).get("redirect").asText(), "back where remove was asked");

            HttpResponse<String> removed = devicesForm(alice, "action", "remove-key", "key", blue);
            assertEquals(302, removed.statusCode());
            assertTrue(removed.headers().firstValue("Location").orElseThrow().endsWith("/2fa/devices?key=removed"));
            assertEquals(List.of("Spare"), Engine.of(app.twoStep).accounts().securityKeys("alice").stream()
                    .map(SecurityKey::name).toList());

            HttpResponse<String> last = devicesForm(alice, "action", "remove-key", "key",
                    Engine.of(app.twoStep).accounts().securityKeys("alice").get(0).id());
            assertEquals(409, last.statusCode());
            assertTrue(last.body().contains("This key is your only second factor."), last.body());
            assertEquals(1, Engine.of(app.twoStep).accounts().securityKeys("alice").size());
            JsonNode status = alice.status();
            assertEquals("verified", status.get("state").asText(), "still signed in");
        }
    }
}
