package io.github.twostep.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twostep.config.Algorithm;
import io.github.twostep.internal.otp.OtpSecret;
import io.github.twostep.internal.otp.Totp;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Gets a session to the VERIFIED state through TwoStep's JSON API, as a browser would: sign in,
 * enrol with the app (set-up start, confirm with a TOTP code), then sign in again in a new
 * session, which is held at the challenge, and prove a TOTP code of the next step.
 */
final class VerifiedSession {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FilterBenchApp app;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;
    private String csrf;

    private VerifiedSession(FilterBenchApp app) {
        this.app = app;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Enrols the app's user and answers the session cookie value of a verified session. */
    static String create(FilterBenchApp app) throws IOException, InterruptedException {
        VerifiedSession enrolling = new VerifiedSession(app);
        enrolling.expectState(enrolling.login(), "optional");
        JsonNode setup = enrolling.post("/2fa/api/setup/start",
                "{\"password\": \"" + FilterBenchApp.PASSWORD + "\", \"consent\": true}");
        OtpSecret secret = OtpSecret.fromBase32(setup.get("secret").asText());
        enrolling.post("/2fa/api/setup/confirm", "{\"code\": \"" + code(app, secret) + "\", \"methods\": [\"app\"]}");
        app.clock.advance(Duration.ofSeconds(30));

        VerifiedSession session = new VerifiedSession(app);
        session.expectState(session.login(), "challenge");
        session.expectState(session.post("/2fa/api/verify", "{\"code\": \"" + code(app, secret) + "\"}"), "verified");
        return session.cookie("JSESSIONID");
    }

    private static String code(FilterBenchApp app, OtpSecret secret) {
        Totp totp = new Totp(Algorithm.SHA1, 6, 30, 180, app.clock);
        return totp.key(secret).generate(totp.currentStep());
    }

    private JsonNode login() throws IOException, InterruptedException {
        status();
        JsonNode answer = post("/2fa/api/login",
                "{\"username\": \"" + FilterBenchApp.USER + "\", \"password\": \"" + FilterBenchApp.PASSWORD + "\"}");
        status();
        return answer;
    }

    private void status() throws IOException, InterruptedException {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(app.uri("/2fa/api/status")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        csrf = checked(answer).get("csrfToken").asText();
    }

    private JsonNode post(String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(app.uri(path)).header("Content-Type", "application/json")
                .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return checked(client.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private static JsonNode checked(HttpResponse<String> answer) throws IOException {
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(answer.request().uri().getPath() + " answered " + answer.statusCode());
        }
        return JSON.readTree(answer.body());
    }

    private void expectState(JsonNode answer, String state) {
        if (!state.equals(answer.path("state").asText())) {
            throw new IllegalStateException("expected state " + state + ", got " + answer.path("state").asText());
        }
    }

    private String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + name + " cookie"));
    }
}
