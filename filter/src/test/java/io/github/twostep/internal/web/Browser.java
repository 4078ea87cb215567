package io.github.twostep.internal.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A cookie-keeping HTTP client that does not follow redirects, with helpers for TwoStep's JSON API. */
final class Browser {
    static final ObjectMapper JSON = new ObjectMapper();

    final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private final TestApp app;
    private String csrf;

    Browser(TestApp app) {
        this.app = app;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(app.uri(path)).GET().build());
    }

    /**
     * Sends {@code request}; once more on a fresh connection when the server had closed the
     * pooled one (Jetty closes it after refusing a malformed address, and the client may
     * already have reused it), as a browser would.
     */
    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException closedUnderUs) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** {@code GET /2fa/api/status}, remembering the CSRF token. */
    JsonNode status() throws IOException, InterruptedException {
        JsonNode status = JSON.readTree(get("/2fa/api/status").body());
        csrf = status.get("csrfToken").asText();
        return status;
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        if (csrf == null) {
            status();
        }
        return send(HttpRequest.newBuilder(app.uri(path)).header("Content-Type", "application/json")
                .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A JSON {@code POST} with one more header, as a browser with other settings sends it. */
    HttpResponse<String> post(String path, String json, String header, String value)
            throws IOException, InterruptedException {
        if (csrf == null) {
            status();
        }
        return send(HttpRequest.newBuilder(app.uri(path)).header("Content-Type", "application/json")
                .header("X-CSRF-Token", csrf).header(header, value).POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(app.uri(path)).header("X-CSRF-Token", csrf).DELETE().build());
    }

    HttpResponse<String> login(String user) throws IOException, InterruptedException {
        status();
        HttpResponse<String> answer = post("/2fa/api/login",
                "{\"username\": \"" + user + "\", \"password\": \"" + user + "-password\"}");
        status();
        return answer;
    }

    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    URI uri(String path) {
        return app.uri(path);
    }

    /** Holds a trust cookie another browser was given, as if this one had been. */
    void adoptTrustCookie(String value) {
        HttpCookie cookie = new HttpCookie("twostep_trust", value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(app.uri("/"), cookie);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
