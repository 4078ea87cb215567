package io.github.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.twostep.TwoStep;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * External login with the container's FORM authentication, set up as {@link BasicLoginContract}
 * sets up BASIC (the same realm, constraint on {@link BasicLoginContract#CONSTRAINED} and
 * exemptions), with the login page {@link #LOGIN_PAGE} and error page {@link #ERROR_PAGE} served
 * by the application. The container takes {@code j_security_check} before any filter runs, so
 * TwoStep first meets the user on the page the container sends them back to.
 */
public abstract class FormLoginContract extends ContainerLoginContract {
    public static final String LOGIN_PAGE = "/login";
    public static final String ERROR_PAGE = "/login-error";

    @Override
    String moreExemptPaths() {
        return ", \"" + LOGIN_PAGE + "\", \"" + ERROR_PAGE + "\"";
    }
    @Test
    void formLoginWhenNotEnrolledThenContainerSignsInAndTwoStepHoldsAtSetUp() throws Exception {
        Visitor browser = new Visitor(port);

        HttpResponse<String> asked = browser.get("/auth/page");
        assertNotEquals("app:/auth/page:alice", asked.body(), "the container asks for the password first");
        HttpResponse<String> login = signIn(browser, BasicLoginContract.ALICE, BasicLoginContract.ALICE_PASSWORD);
        assertTrue(login.statusCode() == 302 || login.statusCode() == 303, login.statusCode() + " " + login.body());
        HttpResponse<String> page = browser.get("/auth/page");

        assertEquals(302, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Location").orElse("").endsWith("/2fa/setup"), page.headers().toString());
        HttpResponse<String> setup = browser.get("/2fa/setup");
        assertEquals(200, setup.statusCode(), setup.body());
        assertEquals("enroll", browser.status().get("state").asText());
        assertEquals(BasicLoginContract.ALICE, browser.status().get("user").asText());
    }

    @Test
    void exemptUserWhenFormLoginThenEveryPageServed() throws Exception {
        Visitor browser = new Visitor(port);
        browser.get("/auth/page");
        signIn(browser, BasicLoginContract.CAROL, BasicLoginContract.CAROL_PASSWORD);

        HttpResponse<String> page = browser.get("/auth/page");

        assertEquals(200, page.statusCode(), page.body());
        assertEquals("app:/auth/page:carol", page.body());
    }

    @Test
    void wrongPasswordWhenFormLoginThenNobodySignedIn() throws Exception {
        Visitor browser = new Visitor(port);
        browser.get("/auth/page");
        signIn(browser, BasicLoginContract.ALICE, "wrong-password");

        HttpResponse<String> page = browser.get("/auth/page");

        assertNotEquals("app:/auth/page:alice", page.body());
        assertEquals("anonymous", browser.status().get("state").asText());
    }

    private HttpResponse<String> signIn(Visitor browser, String user, String password) throws Exception {
        String form = "j_username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&j_password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return browser.send(HttpRequest.newBuilder(browser.uri("/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }
}
