package io.github.twostep.internal.web;

import static io.github.twostep.internal.web.DeployedWebApp.twoStepFilter;
import static io.github.twostep.internal.web.DeployedWebApp.webXml;
import static io.github.twostep.internal.web.HtmlBrowser.form;
import static io.github.twostep.internal.web.HtmlBrowser.html;
import static io.github.twostep.internal.web.HtmlBrowser.input;
import static io.github.twostep.internal.web.HtmlBrowser.path;
import static io.github.twostep.internal.web.HtmlBrowser.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.util.security.Credential;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TwoStep in {@code login.mode: "external"} in front of an application that signs users in with
 * the container's FORM login, everything declared in {@code web.xml}: the security constraint,
 * the login page, TwoStep's filter. Only the users (a Jetty {@link HashLoginService}) are set in
 * code. TwoStep never sees {@code j_security_check}; it takes the user from {@code getRemoteUser()}.
 */
class ExternalLoginIT {
    private static final String LOGIN_PAGE = """
            <!DOCTYPE html>
            <html lang="en"><head><title>Company sign-in</title></head><body>
            <form method="post" action="j_security_check">
            <label for="user">User</label><input id="user" name="j_username">
            <label for="pass">Password</label><input id="pass" name="j_password" type="password">
            <button type="submit">Sign in</button>
            </form></body></html>
            """;

    @TempDir
    Path dir;
    private DeployedWebApp app;

    @BeforeEach
    void start() throws Exception {
        String url = "jdbc:h2:mem:external-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        DeployedWebApp.createUsers(url, "alice", "bob");
        Path conf = Files.createDirectories(dir.resolve("conf"));
        DeployedWebApp.writeKey(conf);
        Path settings = Files.writeString(conf.resolve("twostep.json"), """
                {"login": {"mode": "external"},
                 "store": {"type": "jdbc", "jdbc": {"url": "%s", "table": "users"}, "key": "${file:key.txt}"}}
                """.formatted(url));
        Path webapp = webXml(dir.resolve("webapp"), twoStepFilter(settings.toAbsolutePath().toString()) + """
                  <servlet>
                    <servlet-name>app</servlet-name>
                    <servlet-class>io.github.twostep.internal.web.EchoServlet</servlet-class>
                  </servlet>
                  <servlet-mapping>
                    <servlet-name>app</servlet-name>
                    <url-pattern>/protected/*</url-pattern>
                  </servlet-mapping>
                  <security-constraint>
                    <web-resource-collection>
                      <web-resource-name>everything</web-resource-name>
                      <url-pattern>/*</url-pattern>
                    </web-resource-collection>
                    <auth-constraint><role-name>user</role-name></auth-constraint>
                  </security-constraint>
                  <security-constraint>
                    <web-resource-collection>
                      <web-resource-name>sign-in pages</web-resource-name>
                      <url-pattern>/login.html</url-pattern>
                      <url-pattern>/error.html</url-pattern>
                    </web-resource-collection>
                  </security-constraint>
                  <login-config>
                    <auth-method>FORM</auth-method>
                    <realm-name>company</realm-name>
                    <form-login-config>
                      <form-login-page>/login.html</form-login-page>
                      <form-error-page>/error.html</form-error-page>
                    </form-login-config>
                  </login-config>
                  <security-role><role-name>user</role-name></security-role>
                """);
        Files.writeString(webapp.resolve("login.html"), LOGIN_PAGE);
        Files.writeString(webapp.resolve("error.html"), "<!DOCTYPE html><p>Wrong user or password.</p>");
        UserStore users = new UserStore();
        for (String user : List.of("alice", "bob")) {
            users.addUser(user, Credential.getCredential(user + "-password"), new String[] {"user"});
        }
        HashLoginService logins = new HashLoginService("company");
        logins.setUserStore(users);
        app = new DeployedWebApp(webapp, context -> context.getSecurityHandler().setLoginService(logins));
        assertTrue(app.context.isAvailable(), () -> DeployedWebApp.messages(app.context.getUnavailableException()));
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    /** Signs in through the container's FORM login; answers where the container sends the browser next. */
    private HttpResponse<String> containerLogIn(ApiClient client, String user) throws Exception {
        HttpResponse<String> asked = client.get("/protected/page");
        assertTrue(asked.statusCode() == 302 || asked.body().contains("j_security_check"), asked.toString());
        HttpResponse<String> posted = client.postForm("/j_security_check",
                "j_username=" + user + "&j_password=" + user + "-password");
        assertEquals(303, posted.statusCode(), posted.body()); // Jetty answers a login POST with "See Other"
        return posted;
    }

    @Test
    void unauthenticatedRequestWhenProtectedThenContainersLoginPage() throws Exception {
        HtmlBrowser browser = new HtmlBrowser(app::uri);

        Page page = browser.open("/protected/page");

        assertTrue(page.getWebResponse().getContentAsString().contains("j_security_check"),
                page.getWebResponse().getContentAsString());
        browser.close();
    }

    @Test
    void containerLoginWhenNoSecondFactorThenTwoStepSeesTheUserAndLetsThrough() throws Exception {
        ApiClient bob = new ApiClient(app::uri);

        HttpResponse<String> afterLogin = containerLogIn(bob, "bob");

        assertTrue(afterLogin.headers().firstValue("Location").orElseThrow().endsWith("/protected/page"));
        assertEquals("app:/protected/page:bob", bob.get("/protected/page").body());
        JsonNode status = bob.status();
        assertEquals("bob", status.get("user").asText());
        assertEquals("optional", status.get("state").asText());
    }

    @Test
    void setupPageWhenContainerLoginWithoutPasswordCheckThenAsksOnlyForConsent() throws Exception {
        ApiClient alice = new ApiClient(app::uri);
        containerLogIn(alice, "alice");

        String page = alice.get("/2fa/setup").body();

        assertTrue(page.contains("After you sign in, you will also enter a code. Agree to continue."), page);
        assertFalse(page.contains("Confirm your password"), page);
        assertFalse(page.contains("type=\"password\""), page);
    }

    @Test
    void enrolledUserWhenContainerLoginThenTwoStepChallengesUntilTheCode() throws Exception {
        ApiClient alice = new ApiClient(app::uri);
        containerLogIn(alice, "alice");
        HttpResponse<String> started = alice.post("/2fa/api/setup/start", "{\"consent\": true}");
        assertEquals(200, started.statusCode(), started.body());
        OtpSecret secret = OtpSecret.fromBase32(ApiClient.json(started).get("secret").asText());
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, Clock.systemUTC());
        long step = totp.currentStep();
        HttpResponse<String> confirmed = alice.post("/2fa/api/setup/confirm",
                "{\"code\": \"" + totp.key(secret).generate(step) + "\", \"methods\": [\"app\"]}");
        assertEquals(200, confirmed.statusCode(), confirmed.body());

        ApiClient again = new ApiClient(app::uri);
        containerLogIn(again, "alice");
        HttpResponse<String> held = again.get("/protected/page");
        assertEquals(302, held.statusCode(), held.body());
        assertTrue(held.headers().firstValue("Location").orElseThrow().endsWith("/2fa/verify"));
        assertEquals("challenge", again.status().get("state").asText());
        HttpResponse<String> verified = again.post("/2fa/api/verify",
                "{\"code\": \"" + totp.key(secret).generate(step + 1) + "\"}");

        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("/protected/page", ApiClient.json(verified).get("redirect").asText());
        assertEquals("app:/protected/page:alice", again.get("/protected/page").body());
    }

    @Test
    void enrolledUserWhenContainerLoginInBrowserThenVerifyPageLeadsBackToTheApp() throws Exception {
        ApiClient alice = new ApiClient(app::uri);
        containerLogIn(alice, "alice");
        OtpSecret secret = OtpSecret.fromBase32(ApiClient.json(
                alice.post("/2fa/api/setup/start", "{\"consent\": true}")).get("secret").asText());
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, Clock.systemUTC());
        long step = totp.currentStep();
        assertEquals(200, alice.post("/2fa/api/setup/confirm",
                "{\"code\": \"" + totp.key(secret).generate(step) + "\", \"methods\": [\"app\"]}").statusCode());

        try (HtmlBrowser browser = new HtmlBrowser(app::uri)) {
            HtmlPage login = html(browser.open("/protected/page"));
            HtmlForm form = form(login, "j_security_check");
            input(form, "j_username").setValue("alice");
            input(form, "j_password").setValue("alice-password");
            HtmlPage verify = html(submit(form));
            assertEquals("/2fa/verify", path(verify));
            assertTrue(verify.getForms().stream().noneMatch(f -> f.getActionAttribute().endsWith("/logout")),
                    "external login: the sign-out is the application's; TwoStep's /logout does not exist here");
            HtmlForm code = form(verify, "/2fa/verify");
            input(code, "code").setValue(totp.key(secret).generate(step + 1));

            Page landed = submit(code);

            assertEquals("/protected/page", path(landed));
            assertEquals("app:/protected/page:alice", landed.getWebResponse().getContentAsString());
        }
    }
}
