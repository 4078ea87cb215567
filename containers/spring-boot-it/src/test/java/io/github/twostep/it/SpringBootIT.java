package io.github.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared flow in a Spring Boot 4 application: Spring Security's form login is the first
 * factor, TwoStep in external login mode runs right after Spring Security's filter chain.
 */
class SpringBootIT extends ContainerFlowContract {
    private static final Pattern SPRING_CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final SpringBootServer server = new SpringBootServer();

    @Override
    protected ServletContainer container() {
        return server;
    }

    /** A Spring Boot application builds TwoStep in, with its own dependencies and logging (Logback). */
    @Override
    protected boolean dropIn() {
        return false;
    }

    @Override
    protected int serve(ServletContainer started) {
        return server.start();
    }

    /** Spring Security's login form, with the CSRF token of Spring's own page; then TwoStep's status. */
    @Override
    protected JsonNode logIn(Visitor visitor) throws Exception {
        return springLogIn(visitor);
    }

    /** Spring Security's sign-out page and its form. */
    @Override
    protected void logOut(Visitor visitor) throws Exception {
        HttpResponse<String> out = postForm(visitor, "/logout", springCsrfToken(visitor, "/logout"), "");
        assertEquals(302, out.statusCode(), out.body());
        assertTrue(out.headers().firstValue("Location").orElse("").endsWith("/login?logout"), out.headers().toString());
    }

    /** Signs alice in through Spring Security's login form; answers TwoStep's status afterwards. */
    static JsonNode springLogIn(Visitor visitor) throws Exception {
        return springLogIn(visitor, FlowApp.USER, FlowApp.PASSWORD);
    }

    /** Signs {@code user} in through Spring Security's login form; answers TwoStep's status afterwards. */
    static JsonNode springLogIn(Visitor visitor, String user, String password) throws Exception {
        HttpResponse<String> signedIn = postForm(visitor, "/login", springCsrfToken(visitor, "/login"),
                "username=" + user + "&password=" + password);
        assertEquals(302, signedIn.statusCode(), signedIn.body());
        String location = signedIn.headers().firstValue("Location").orElse("");
        assertFalse(location.contains("error"), "Spring refused the password: " + location);
        return visitor.status();
    }

    static String springCsrfToken(Visitor visitor, String page) throws Exception {
        HttpResponse<String> form = visitor.get(page);
        assertEquals(200, form.statusCode(), form.body());
        Matcher token = SPRING_CSRF.matcher(form.body());
        assertTrue(token.find(), "no Spring CSRF field on " + page + ": " + form.body());
        return token.group(1);
    }

    static HttpResponse<String> postForm(Visitor visitor, String path, String springCsrf, String fields)
            throws Exception {
        String body = (fields.isEmpty() ? "" : fields + "&") + "_csrf="
                + URLEncoder.encode(springCsrf, StandardCharsets.UTF_8);
        return visitor.send(HttpRequest.newBuilder(visitor.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
