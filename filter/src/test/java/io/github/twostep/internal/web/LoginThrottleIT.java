package io.github.twostep.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.audit.AuditEvent;
import io.github.twostep.internal.core.Engine;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code login.throttle} at the defaults (5 free attempts, up to 15 minutes) over HTTP. */
class LoginThrottleIT {
    private TestApp app;

    @BeforeEach
    void start() throws Exception {
        app = new TestApp(TestApp.settings(""));
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    private static HttpResponse<String> apiLogin(Browser browser, String user, String password) throws Exception {
        return browser.post("/2fa/api/login", "{\"username\": \"" + user + "\", \"password\": \"" + password + "\"}");
    }

    private long throttledEvents(String user) {
        return Engine.of(app.twoStep).accounts().auditTrail(user, 200).stream()
                .filter(e -> e.event() == AuditEvent.Type.LOGIN_THROTTLED).count();
    }

    @Test
    void apiLoginWhenSixthWrongPasswordThen429AndRightPasswordWaitsTooThenSucceedsAndResets() throws Exception {
        Browser browser = new Browser(app);
        for (int i = 0; i < 5; i++) {
            assertEquals(401, apiLogin(browser, "alice", "wrong-" + i).statusCode());
        }
        HttpResponse<String> sixth = apiLogin(browser, "alice", "wrong-5");
        assertEquals(429, sixth.statusCode(), sixth.body());
        assertEquals("1", sixth.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("{\"error\":\"too_many_requests\",\"retryAfterSeconds\":1}", sixth.body());
        HttpResponse<String> right = apiLogin(browser, "ALICE", "alice-password");
        assertEquals(429, right.statusCode(), "the right password inside the delay, any case of the name");

        app.clock.advance(Duration.ofSeconds(1));
        assertEquals(200, apiLogin(new Browser(app), "alice", "alice-password").statusCode());
        Browser after = new Browser(app);
        for (int i = 0; i < 5; i++) {
            assertEquals(401, apiLogin(after, "alice", "again-" + i).statusCode(), "the success reset the count");
        }
        assertEquals(429, apiLogin(after, "alice", "again-5").statusCode());
        assertEquals(2, throttledEvents("alice"));
        assertTrue(Engine.of(app.twoStep).accounts().auditTrail("alice", 200).stream()
                .noneMatch(e -> e.detail().contains("wrong") || e.detail().contains("password")));
    }

    @Test
    void apiLoginWhenDelayEndsAndWrongAgainThenDelayDoubles() throws Exception {
        Browser browser = new Browser(app);
        for (int i = 0; i < 5; i++) {
            apiLogin(browser, "bob", "wrong");
        }
        app.clock.advance(Duration.ofSeconds(1));
        assertEquals(401, apiLogin(browser, "bob", "wrong").statusCode());
        HttpResponse<String> refused = apiLogin(browser, "bob", "bob-password");
        assertEquals(429, refused.statusCode());
        assertEquals("2", refused.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void apiLoginWhenUnknownNameThenSameAnswersAsKnownName() throws Exception {
        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Browser one = new Browser(app);
        Browser two = new Browser(app);
        for (int i = 0; i < 8; i++) {
            if (i == 7) {
                app.clock.advance(Duration.ofSeconds(1));
            }
            HttpResponse<String> k = apiLogin(one, "alice", "wrong");
            HttpResponse<String> u = apiLogin(two, "nobody-at-all", "wrong");
            known.add(k.statusCode() + " " + k.headers().firstValue("Retry-After").orElse("-") + " " + k.body());
            unknown.add(u.statusCode() + " " + u.headers().firstValue("Retry-After").orElse("-") + " " + u.body());
        }
        assertEquals(known, unknown);
        assertEquals(List.of(401, 401, 401, 401, 401, 429, 429, 401),
                known.stream().map(s -> Integer.parseInt(s.substring(0, 3))).toList());
        assertEquals(throttledEvents("alice"), throttledEvents("nobody-at-all"));
    }

    @Test
    void loginFormWhenThrottledThen429PageSaysHowLongInWords() throws Exception {
        Browser browser = new Browser(app);
        HttpResponse<String> page = null;
        for (int i = 0; i < 6; i++) {
            page = postForm(browser, "alice", "wrong");
        }
        assertEquals(429, page.statusCode());
        assertTrue(page.body().contains("Too many wrong passwords for this name. Please wait 1 second before trying "
                + "again."), page.body());
        assertFalse(page.body().contains("too_many_requests"));

        for (int i = 0; i < 4; i++) { // delays 1, 2, 4, 8, 16, 32, 64 s: the next ones are over a minute
            app.clock.advance(Duration.ofSeconds(1L << i));
            postForm(browser, "alice", "wrong");
        }
        app.clock.advance(Duration.ofSeconds(16));
        postForm(browser, "alice", "wrong");
        app.clock.advance(Duration.ofSeconds(32));
        postForm(browser, "alice", "wrong");
        HttpResponse<String> minutes = postForm(browser, "alice", "alice-password");
        assertEquals(429, minutes.statusCode());
        assertTrue(minutes.body().contains("Please wait 2 minutes before trying again."), minutes.body());
    }

    private HttpResponse<String> postForm(Browser browser, String user, String password) throws Exception {
        String login = browser.get("/login").body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
        String body = (csrf.find() ? "_csrf=" + csrf.group(1) + "&" : "") + "username=" + user + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return browser.send(HttpRequest.newBuilder(app.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void passwordConfirmationWhenWrongPasswordsThenThrottledLikeTheLogin() throws Exception {
        Browser browser = new Browser(app);
        assertEquals(200, browser.login("alice").statusCode());
        for (int i = 0; i < 5; i++) {
            assertEquals(401, browser.post("/2fa/api/setup/start", "{\"password\": \"wrong\", \"consent\": true}")
                    .statusCode());
        }
        HttpResponse<String> refused = browser.post("/2fa/api/setup/start",
                "{\"password\": \"alice-password\", \"consent\": true}");
        assertEquals(429, refused.statusCode(), refused.body());
        assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(429, apiLogin(new Browser(app), "alice", "alice-password").statusCode(),
                "one count per name, whichever form the password was typed in");
        app.clock.advance(Duration.ofSeconds(1));
        assertEquals(200, browser.post("/2fa/api/setup/start", "{\"password\": \"alice-password\", \"consent\": true}")
                .statusCode());
    }
}
