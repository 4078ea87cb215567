package io.github.twostep.it;

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

/**
 * One browser over plain HTTP: keeps cookies, never follows redirects, and sends the CSRF token
 * it was last given with every JSON POST.
 */
final class Visitor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private String csrf = "";

    Visitor(int port) {
        this.port = port;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /**
     * Sends {@code request}; once more on a fresh connection when the server had closed the
     * pooled one (containers close the connection after refusing a malformed address, and the
     * client may already have reused it), as a browser would.
     */
    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException closedUnderUs) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** {@code GET /2fa/api/status}; its CSRF token is used from now on. */
    JsonNode status() throws IOException, InterruptedException {
        JsonNode status = json(get("/2fa/api/status"));
        csrf = status.path("csrfToken").asText();
        return status;
    }

    /** A JSON POST carrying the CSRF token in {@code X-CSRF-Token}. */
    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Takes the CSRF token an answer handed out (login and verify rotate it). */
    void useCsrfToken(String token) {
        csrf = token;
    }

    String csrfToken() {
        return csrf;
    }

    /** The value of cookie {@code name}, or null when the server has set none. */
    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
