package io.github.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.TwoStep;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * External login with the container's BASIC authentication, as a WAR TwoStep does not own sets
 * it up: a realm with alice (role {@code user}) and carol (role {@code api}, exempt), a security
 * constraint on {@code /auth/*} only, and TwoStep in front of every path. The browser sends its
 * credentials with every request, also to paths without a constraint.
 */
public abstract class BasicLoginContract extends ContainerLoginContract {
    /** The realm's users, roles and passwords every container must set up. */
    public static final String ALICE = "alice";
    public static final String ALICE_PASSWORD = "alice-password";
    public static final String CAROL = "carol";
    public static final String CAROL_PASSWORD = "carol-password";
    public static final String CONSTRAINED = "/auth/*";
    public static final String ROLE = "user";
    public static final String EXEMPT_ROLE = "api";

    /** A container that serves with BASIC login; not yet started. */
    public interface BasicLoginServer extends AutoCloseable {
        /**
         * Starts {@code filter} on {@code /*} and {@code app} on {@code /} behind BASIC login
         * with the realm above, the constraint on {@link #CONSTRAINED} for role {@link #ROLE}
         * and {@link #EXEMPT_ROLE}; answers the port.
         */
        int start(jakarta.servlet.Filter filter, jakarta.servlet.Servlet app) throws Exception;
    }

    /**
     * Whether the container itself checks credentials on every request, constrained or not
     * (Undertow's default, pro-active authentication), so wrong ones get its 401 with or without
     * TwoStep.
     */
    protected boolean checksCredentialsOnEveryPath() {
        return false;
    }

    @Test
    void basicLoginWhenNotEnrolledThenSetUpPageServedAtFirstAsking() throws Exception {
        Visitor browser = new Visitor(port);

        HttpResponse<String> page = browser.send(signedIn("/auth/page", ALICE, ALICE_PASSWORD));
        assertEquals(302, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Location").orElse("").endsWith("/2fa/setup"),
                page.headers().toString());
        HttpResponse<String> setup = browser.send(signedIn("/2fa/setup", ALICE, ALICE_PASSWORD));
        assertEquals(200, setup.statusCode(), setup.body());
        HttpResponse<String> again = browser.send(signedIn("/auth/page", ALICE, ALICE_PASSWORD));
        assertEquals(302, again.statusCode(), again.body());
        HttpResponse<String> exemptPath = browser.send(signedIn("/public/page", ALICE, ALICE_PASSWORD));
        assertEquals(200, exemptPath.statusCode(), exemptPath.body());
        assertEquals("app:/public/page:null", exemptPath.body(), "a user at the set-up reaches exempt paths anonymously");
    }

    @Test
    void exemptUserWhenSignedInWithBasicThenEveryPageServedWithoutSession() throws Exception {
        Visitor browser = new Visitor(port);

        HttpResponse<String> constrained = browser.send(signedIn("/auth/page", CAROL, CAROL_PASSWORD));
        HttpResponse<String> open = browser.send(signedIn("/public/page", CAROL, CAROL_PASSWORD));

        assertEquals(200, constrained.statusCode(), constrained.body());
        assertEquals("app:/auth/page:carol", constrained.body());
        assertEquals(200, open.statusCode(), open.body());
        assertNull(browser.cookie("JSESSIONID"), "a session for an exempt user");
    }

    @Test
    void anonymousSessionWhenForeignBasicCredentialsOnPublicPageThenServedAsBefore() throws Exception {
        // e.g. a proxy's own BASIC check in front of the site: TwoStep follows no user in this
        // session, so it must not make the container check those credentials
        Visitor browser = new Visitor(port);
        browser.status();

        HttpResponse<String> page = browser.send(signedIn("/public/page", "proxy-user", "proxy-password"));

        if (checksCredentialsOnEveryPath()) {
            assertEquals(401, page.statusCode(), page.body());
        } else {
            assertEquals(200, page.statusCode(), page.body());
            assertEquals("app:/public/page:null", page.body());
        }
    }

    @Test
    void anonymousSessionWhenFirstBasicLoginOnPublicPageThenServed() throws Exception {
        Visitor browser = new Visitor(port);
        browser.status();

        HttpResponse<String> page = browser.send(signedIn("/public/page", ALICE, ALICE_PASSWORD));

        assertEquals(200, page.statusCode(), page.body());
    }

    @Test
    void anonymousWhenConstrainedPathThenContainerAsksForCredentials() throws Exception {
        HttpResponse<String> page = new Visitor(port).get("/auth/page");

        assertEquals(401, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
    }

    private HttpRequest signedIn(String path, String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Basic " + credentials)
                .header("Accept", "text/html").GET().build();
    }

    private java.net.URI uri(String path) {
        return java.net.URI.create("http://127.0.0.1:" + port + path);
    }
}
