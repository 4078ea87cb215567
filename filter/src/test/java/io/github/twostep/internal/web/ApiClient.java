package io.github.twostep.internal.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Function;

/**
 * A cookie-keeping HTTP client that does not follow redirects, for TwoStep's JSON API on any
 * server: {@code address} turns an application path into an absolute URI. Remembers the
 * session's CSRF token from {@code GET status}.
 */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private final Function<String, URI> address;
    private String csrf;

    ApiClient(Function<String, URI> address) {
        this.address = address;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(address.apply(path)).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET /2fa/api/status}, remembering the CSRF token. */
    JsonNode status() throws IOException, InterruptedException {
        JsonNode status = JSON.readTree(get("/2fa/api/status").body());
        csrf = status.get("csrfToken").asText();
        return status;
    }

    /** A JSON POST with the session's CSRF token. */
    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        if (csrf == null) {
            status();
        }
        return send(HttpRequest.newBuilder(address.apply(path)).header("Content-Type", "application/json")
                .header(CsrfToken.HEADER, csrf).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A form POST ({@code application/x-www-form-urlencoded}) of {@code form}, already encoded. */
    HttpResponse<String> postForm(String path, String form) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(address.apply(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** Built-in login through the JSON API; answers the state after it. */
    String logIn(String user, String password) throws IOException, InterruptedException {
        status();
        HttpResponse<String> answer = post("/2fa/api/login",
                "{\"username\": \"" + user + "\", \"password\": \"" + password + "\"}");
        status();
        return json(answer).path("state").asText();
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
