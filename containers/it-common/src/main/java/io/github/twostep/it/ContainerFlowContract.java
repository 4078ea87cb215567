package io.github.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twostep.TwoStep;
import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.logging.Log;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import io.github.twostep.web.TwoStepFilter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The flow the same filter jar must pass on every servlet container, over HTTP: sign-in with
 * session id and CSRF token rotation, enrolment with the app, the challenge after signing in
 * again, path tricks that must never reach the application, and verification with the next
 * time step's code. A container's integration test extends this and says how to start it.
 */
public abstract class ContainerFlowContract {
    private static final String SESSION_COOKIE = "JSESSIONID";

    private final Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, Clock.systemUTC());
    private ServletContainer container;
    private int port;

    /** A new, not yet started container. */
    protected abstract ServletContainer container();

    @BeforeEach
    void start() throws Exception {
        container = container();
        port = serve(container);
    }

    /**
     * Starts {@code container} with TwoStep (built-in login on {@link FlowApp}'s users) in front
     * of {@link FlowApp.AppServlet}, and answers its port. An application that signs users in by
     * itself (external login) starts its own way, and overrides {@link #logIn} and {@link #logOut}.
     */
    protected int serve(ServletContainer started) throws Exception {
        TwoStep twoStep = FlowApp.twoStep();
        return started.start(new TwoStepFilter(twoStep), new FlowApp.AppServlet());
    }

    @AfterEach
    void stop() throws Exception {
        container.close();
    }

    @Test
    void protectedPageWhenAnonymousThenRedirectedToLogin() throws Exception {
        HttpResponse<String> page = new Visitor(port).get("/protected");

        assertEquals(302, page.statusCode(), page.body());
        assertTrue(location(page).endsWith("/login"), location(page));
    }

    @Test
    void loginWhenPasswordRightThenSessionIdAndCsrfTokenRotated() throws Exception {
        Visitor visitor = new Visitor(port);
        visitor.status();
        String sessionBefore = visitor.cookie(SESSION_COOKIE);
        String csrfBefore = visitor.csrfToken();

        JsonNode answer = logIn(visitor);

        assertEquals("optional", answer.path("state").asText());
        assertNotNull(sessionBefore, "no session cookie before login");
        assertNotEquals(sessionBefore, visitor.cookie(SESSION_COOKIE), "session id not rotated at login");
        assertNotEquals(csrfBefore, visitor.csrfToken(), "CSRF token not rotated at login");
        assertEquals("app:/protected:alice", visitor.get("/protected").body());
    }

    /**
     * Whether this container runs TwoStep as the drop-in: the all-jar alone in the web
     * application, and no SLF4J provider (a stock container gives a foreign WAR none). An
     * application that builds TwoStep into itself (Spring Boot) brings its own dependencies and
     * logging instead.
     */
    protected boolean dropIn() {
        return true;
    }

    @Test
    void classPathWhenMatrixRunsThenTwoStepComesFromTheAllJarAlone() {
        assumeTrue(dropIn(), "an application that builds TwoStep in brings its dependencies itself");
        ClassLoader loader = TwoStepFilter.class.getClassLoader();
        assertTrue(present("io.github.twostep.shaded.com.fasterxml.jackson.databind.ObjectMapper", loader));
        assertTrue(present("io.github.twostep.shaded.org.eclipse.angus.mail.smtp.SMTPTransport", loader));
        assertFalse(present("jakarta.mail.Session", loader), "TwoStep's unrelocated dependencies on the class path");
        assertFalse(present("org.bouncycastle.crypto.generators.OpenBSDBCrypt", loader));
    }

    private static boolean present(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void noSlf4jProviderWhenSignedInThenAuditLineInContainersJavaUtilLog() throws Exception {
        assumeTrue(dropIn(), "an application that builds TwoStep in brings its own logging");
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getLoggerName() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger twoStepLogs = Logger.getLogger("io.github.twostep");
        twoStepLogs.addHandler(handler);
        try {
            Visitor visitor = new Visitor(port);
            visitor.status();
            logIn(visitor);
        } finally {
            twoStepLogs.removeHandler(handler);
        }

        assertFalse(Log.throughSlf4j(), "the container test class path must have no SLF4J provider");
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("io.github.twostep.audit event=login outcome=success")),
                "audit lines seen: " + lines);
    }

    @Test
    void enrolledUserWhenSignedInAgainThenChallengedUntilNextStepCodeProven() throws Exception {
        OtpSecret secret = enrolAndSignOut();
        Visitor visitor = challenged();
        HttpResponse<String> held = visitor.get("/protected");
        assertEquals(302, held.statusCode(), held.body());
        assertTrue(location(held).endsWith("/2fa/verify"), location(held));
        String sessionBefore = visitor.cookie(SESSION_COOKIE);

        HttpResponse<String> verified = visitor.post("/2fa/api/verify",
                "{\"code\": \"" + code(secret, 1) + "\", \"trustDevice\": true}");

        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("verified", Visitor.json(verified).path("state").asText());
        assertNotEquals(sessionBefore, visitor.cookie(SESSION_COOKIE), "session id not rotated at verification");
        String trustCookie = verified.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("twostep_trust=")).findFirst().orElse("");
        assertTrue(trustCookie.contains("HttpOnly"), "trust cookie: " + trustCookie);
        assertTrue(trustCookie.contains("SameSite=Lax"), "trust cookie: " + trustCookie);
        HttpResponse<String> page = visitor.get("/protected");
        assertEquals(200, page.statusCode(), page.body());
        assertEquals("app:/protected:alice", page.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/protected;jsessionid=x", "/static/../protected", "/static/%2e%2e/protected",
        "/static%2f..%2fprotected", "//protected", "/./protected", "/protected/", "/PROTECTED",
        "/2fa/../protected", "/2fa/static/../../protected", "/static/..;/protected", "/static/..%5cprotected",
        "/%2e/protected", "/protected%00", "/static/./../protected"})
    void challengedSessionWhenPathTrickThenAppNeverReached(String path) throws Exception {
        enrolAndSignOut();
        Visitor visitor = challenged();

        for (String method : List.of("GET", "POST")) {
            HttpResponse<String> answer = visitor.send(HttpRequest.newBuilder(visitor.uri(path))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build());
            assertFalse(answer.body().contains(":alice"),
                    method + " " + path + " reached the app as alice: " + answer.statusCode() + " " + answer.body());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example/", "/static/..//evil.example/", "/%5cevil.example/"})
    void challengedWhenFirstPageIsOffSiteLookingThenVerifyRedirectStaysOnSite(String path) throws Exception {
        OtpSecret secret = enrolAndSignOut();
        Visitor visitor = challenged();
        visitor.send(HttpRequest.newBuilder(visitor.uri(path)).header("Accept", "text/html").GET().build());

        HttpResponse<String> verified = visitor.post("/2fa/api/verify", "{\"code\": \"" + code(secret, 1) + "\"}");

        assertEquals(200, verified.statusCode(), verified.body());
        // Tomcat merges "//" and answers "/evil.example/": a page of this site, which is fine
        String redirect = Visitor.json(verified).path("redirect").asText();
        assertTrue(redirect.startsWith("/") && !redirect.startsWith("//") && !redirect.contains("\\")
                && !redirect.toLowerCase(Locale.ROOT).contains("%5c"), "verify sends the browser to " + redirect);
    }

    /** Signs alice in, enrols her with the app, signs her out; answers her secret. */
    private OtpSecret enrolAndSignOut() throws Exception {
        Visitor visitor = new Visitor(port);
        visitor.status();
        assertEquals("optional", logIn(visitor).path("state").asText());
        HttpResponse<String> started = visitor.post("/2fa/api/setup/start",
                "{\"password\": \"" + FlowApp.PASSWORD + "\", \"consent\": true}");
        assertEquals(200, started.statusCode(), started.body());
        OtpSecret secret = OtpSecret.fromBase32(Visitor.json(started).path("secret").asText());
        HttpResponse<String> confirmed = visitor.post("/2fa/api/setup/confirm",
                "{\"code\": \"" + code(secret, 0) + "\", \"methods\": [\"app\"]}");
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        visitor.status();
        logOut(visitor);
        assertEquals("anonymous", visitor.status().path("state").asText());
        return secret;
    }

    /** A new browser that signed alice in and is held at the challenge. */
    private Visitor challenged() throws Exception {
        Visitor visitor = new Visitor(port);
        visitor.status();
        assertEquals("challenge", logIn(visitor).path("state").asText());
        return visitor;
    }

    /**
     * Signs alice in with her password and answers TwoStep's view afterwards (its {@code state});
     * the visitor then holds the current CSRF token. The default is the built-in login through
     * the JSON API, taking the new CSRF token it hands out.
     */
    protected JsonNode logIn(Visitor visitor) throws Exception {
        HttpResponse<String> answer = visitor.post("/2fa/api/login",
                "{\"username\": \"" + FlowApp.USER + "\", \"password\": \"" + FlowApp.PASSWORD + "\"}");
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode json = Visitor.json(answer);
        visitor.useCsrfToken(json.path("csrfToken").asText());
        return json;
    }

    /** Signs the visitor out; the default is the built-in login's {@code POST /logout}. */
    protected void logOut(Visitor visitor) throws Exception {
        HttpResponse<String> out = visitor.post("/logout", "");
        assertEquals(302, out.statusCode(), out.body());
    }

    private String code(OtpSecret secret, int stepsAhead) {
        return totp.key(secret).generate(totp.currentStep() + stepsAhead);
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("(no Location)");
    }
}
