package io.github.twostep.internal.web;

import static io.github.twostep.internal.web.DeployedWebApp.echoServlet;
import static io.github.twostep.internal.web.DeployedWebApp.twoStepFilter;
import static io.github.twostep.internal.web.DeployedWebApp.webXml;
import static io.github.twostep.internal.web.HtmlBrowser.form;
import static io.github.twostep.internal.web.HtmlBrowser.html;
import static io.github.twostep.internal.web.HtmlBrowser.input;
import static io.github.twostep.internal.web.HtmlBrowser.path;
import static io.github.twostep.internal.web.HtmlBrowser.submit;
import static io.github.twostep.internal.web.HtmlBrowser.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TwoStep dropped into an application the documented way: a {@code web.xml} declaring the
 * filter with a settings file, deployed by Jetty 12. Invalid or missing settings keep the
 * application closed (fail closed), with an error that says what to fix.
 */
class WebXmlIT {
    @TempDir
    Path dir;
    private DeployedWebApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    /** Writes {@code conf/twostep.json} with {@code json} and a key file beside it; answers its absolute path. */
    private Path settings(String json) throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        DeployedWebApp.writeKey(conf);
        return Files.writeString(conf.resolve("twostep.json"), json).toAbsolutePath();
    }

    private DeployedWebApp deploy(Path settingsFile) throws Exception {
        return deploy(settingsFile, "/");
    }

    private DeployedWebApp deploy(Path settingsFile, String contextPath) throws Exception {
        Path webapp = webXml(dir.resolve("webapp"),
                twoStepFilter(settingsFile == null ? null : settingsFile.toString()) + echoServlet());
        app = new DeployedWebApp(webapp, context -> context.setContextPath(contextPath));
        return app;
    }

    private Path builtinSettings() throws Exception {
        String url = "jdbc:h2:mem:webxml-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        DeployedWebApp.createUsers(url, "alice", "bob");
        return settings("""
                {"login": {"mode": "builtin"},
                 "store": {"type": "jdbc", "jdbc": {"url": "%s", "table": "users"}, "key": "${file:key.txt}"}}
                """.formatted(url));
    }

    @Test
    void webXmlWhenValidSettingsThenSignInEnrolAndVerifyOverHttp() throws Exception {
        deploy(builtinSettings());
        assertTrue(app.context.isAvailable(), () -> DeployedWebApp.messages(app.context.getUnavailableException()));

        ApiClient anonymous = new ApiClient(app::uri);
        HttpResponse<String> page = anonymous.get("/protected");
        assertEquals(302, page.statusCode());
        assertTrue(page.headers().firstValue("Location").orElseThrow().endsWith("/login"));

        ApiClient alice = new ApiClient(app::uri);
        assertEquals("optional", alice.logIn("alice", "alice-password"));
        assertEquals("app:/protected:alice", alice.get("/protected").body());
        HttpResponse<String> started = alice.post("/2fa/api/setup/start", "{\"password\": \"alice-password\", \"consent\": true}");
        assertEquals(200, started.statusCode(), started.body());
        OtpSecret secret = OtpSecret.fromBase32(ApiClient.json(started).get("secret").asText());
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, Clock.systemUTC());
        long step = totp.currentStep();
        HttpResponse<String> confirmed = alice.post("/2fa/api/setup/confirm",
                "{\"code\": \"" + totp.key(secret).generate(step) + "\", \"methods\": [\"app\"]}");
        assertEquals(200, confirmed.statusCode(), confirmed.body());

        ApiClient again = new ApiClient(app::uri);
        assertEquals("challenge", again.logIn("alice", "alice-password"));
        HttpResponse<String> held = again.get("/protected");
        assertEquals(302, held.statusCode());
        assertTrue(held.headers().firstValue("Location").orElseThrow().endsWith("/2fa/verify"));
        HttpResponse<String> verified = again.post("/2fa/api/verify",
                "{\"code\": \"" + totp.key(secret).generate(step + 1) + "\"}");
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("/protected", ApiClient.json(verified).get("redirect").asText());
        again.status();
        assertEquals("app:/protected:alice", again.get("/protected").body());
        JsonNode status = again.status();
        assertEquals("verified", status.get("state").asText());
    }

    @Test
    void pagesWhenApplicationUnderContextPathThenEveryLinkRedirectAndCookieStaysInside() throws Exception {
        deploy(builtinSettings(), "/shop");
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, Clock.systemUTC());
        long step = totp.currentStep();

        try (HtmlBrowser browser = new HtmlBrowser(path -> app.uri("/shop" + path))) {
            HtmlPage login = html(browser.open("/protected"));
            assertEquals("/shop/login", path(login));
            assertEquals("/shop/2fa/static/twostep.css", login.querySelector("link[rel=stylesheet]")
                    .getAttributes().getNamedItem("href").getNodeValue());
            assertEquals(200, browser.open("/2fa/static/twostep.css").getWebResponse().getStatusCode());
            Page landed = HtmlBrowser.logIn(login, "alice", "alice-password");
            assertEquals("/shop/protected", path(landed));
            assertEquals("app:/shop/protected:alice", landed.getWebResponse().getContentAsString());

            HtmlForm start = form(browser.page("/2fa/setup"), "/shop/2fa/setup");
            input(start, "password").setValue("alice-password");
            start.getInputByName("consent").setChecked(true);
            HtmlPage scan = html(submit(start));
            OtpSecret secret = OtpSecret.fromBase32(text(scan, "secret").replaceAll("[\\s-]", ""));
            HtmlForm confirm = form(scan, "/shop/2fa/setup");
            input(confirm, "code").setValue(totp.key(secret).generate(step));
            HtmlPage done = html(submit(confirm));
            assertEquals("/shop/", done.querySelector("main p a:not([download])").getAttributes()
                    .getNamedItem("href").getNodeValue());

            assertEquals("/shop/", path(browser.signOut()));
            HtmlPage verify = html(browser.open("/protected"));
            assertEquals("/shop/login", path(verify));
            verify = html(HtmlBrowser.logIn(verify, "alice", "alice-password"));
            assertEquals("/shop/2fa/verify", path(verify));
            HtmlForm code = form(verify, "/shop/2fa/verify");
            input(code, "code").setValue(totp.key(secret).generate(step + 1));
            code.getInputByName("trustDevice").setChecked(true);
            Page back = submit(code);

            assertEquals("/shop/protected", path(back));
            assertEquals("/shop", browser.client.getCookieManager().getCookie("twostep_trust").getPath());
        }
    }

    @Test
    void webXmlWhenSettingsMisspeltThenApplicationNotServedAndErrorSuggestsTheKey() throws Exception {
        deploy(settings("{\"code\": {\"lenght\": 6}}"));

        assertFalse(app.context.isAvailable());
        Throwable error = app.context.getUnavailableException();
        assertNotNull(error);
        String messages = DeployedWebApp.messages(error);
        assertTrue(messages.contains("$.code.lenght"), messages);
        assertTrue(messages.contains("length"), messages);
        for (String path : new String[] {"/", "/protected", "/login", "/2fa/verify"}) {
            HttpResponse<String> answer = new ApiClient(app::uri).get(path);
            assertEquals(503, answer.statusCode(), path);
            assertFalse(answer.body().contains("app:"), answer.body());
        }
    }

    @Test
    void unchangedWarWhenContainerContextNamesSettingsThenServedAndRelativeStoreDirectoryBesideSettings()
            throws Exception {
        Path settings = settings("""
                {"login": {"mode": "external"},
                 "store": {"type": "file", "file": {"directory": "twostep-data"}, "key": "${file:key.txt}"}}
                """);
        Path webapp = webXml(dir.resolve("webapp"), twoStepFilter(null) + echoServlet());

        // what a Jetty context XML (or Tomcat's <Parameter> in conf/Catalina/localhost/app.xml) does
        app = new DeployedWebApp(webapp, context -> context.setInitParameter("twostep.settings", settings.toString()));

        assertTrue(app.context.isAvailable(), () -> DeployedWebApp.messages(app.context.getUnavailableException()));
        HttpResponse<String> status = new ApiClient(app::uri).get("/2fa/api/status");
        assertEquals(200, status.statusCode(), status.body());
        assertEquals("anonymous", ApiClient.json(status).path("state").asText());
        assertTrue(Files.isDirectory(settings.getParent().resolve("twostep-data")), "store directory not beside the settings");
    }

    @Test
    void webXmlWhenNoSettingsAnywhereThenApplicationNotServedAndErrorNamesWhereToSetThem() throws Exception {
        assumeTrue(System.getenv("TWOSTEP_SETTINGS") == null, "TWOSTEP_SETTINGS is set in this environment");
        String property = System.clearProperty("twostep.settings");
        try {
            deploy(null);
        } finally {
            if (property != null) {
                System.setProperty("twostep.settings", property);
            }
        }

        assertFalse(app.context.isAvailable());
        String messages = DeployedWebApp.messages(app.context.getUnavailableException());
        assertTrue(messages.contains("context parameter twostep.settings"), messages);
        assertTrue(messages.contains("TWOSTEP_SETTINGS"), messages);
        assertTrue(messages.contains("\"settings\""), messages);
        HttpResponse<String> answer = new ApiClient(app::uri).get("/protected");
        assertEquals(503, answer.statusCode());
        assertFalse(answer.body().contains("app:"), answer.body());
    }
}
