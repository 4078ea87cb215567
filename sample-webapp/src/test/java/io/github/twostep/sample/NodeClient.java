package io.github.twostep.sample;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * One browser talking to one node of a cluster: its own cookie jar, from which a cookie can be
 * carried to a browser on another node, and the session's CSRF token kept current (it changes at
 * sign-in and after a verified code; the answers to both carry the new one).
 */
final class NodeClient {
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private int port;
    private String csrf;

    NodeClient(SampleApp node) {
        this.port = node.port();
    }

    /**
     * Sends every later request to {@code node}, with the same cookies and CSRF token: a load
     * balancer without sticky sessions that picked another node.
     */
    void switchTo(SampleApp node) {
        this.port = node.port();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** {@code GET /2fa/api/status}, keeping the session's CSRF token. */
    JsonNode status() throws IOException, InterruptedException {
        JsonNode status = Browser.json(send(HttpRequest.newBuilder(uri("/2fa/api/status")).GET().build()));
        csrf = status.get("csrfToken").asText();
        return status;
    }

    /** The state {@code GET /2fa/api/status} reports. */
    String state() throws IOException, InterruptedException {
        return status().get("state").asText();
    }

    /** Signs in with the user's password ({@code <user>-password}); answers the state of the new session. */
    String login(String user) throws IOException, InterruptedException {
        status();
        HttpResponse<String> answer = post("/2fa/api/login",
                "{\"username\": \"" + user + "\", \"password\": \"" + user + "-password\"}");
        if (answer.statusCode() != 200) {
            throw new AssertionError("login of " + user + " answered " + answer.statusCode() + " " + answer.body());
        }
        return Browser.json(answer).get("state").asText();
    }

    /** {@code POST /2fa/api/verify} with {@code code}. */
    HttpResponse<String> verify(String code, boolean trustDevice) throws IOException, InterruptedException {
        return post("/2fa/api/verify", "{\"code\": \"" + code + "\", \"trustDevice\": " + trustDevice + "}");
    }

    /** A JSON call with the {@code X-CSRF-Token} header; a new token in the answer replaces the kept one. */
    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        if (csrf == null) {
            status();
        }
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json").header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        keepCsrf(answer);
        return answer;
    }

    /** A {@code DELETE} with the {@code X-CSRF-Token} header. */
    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        if (csrf == null) {
            status();
        }
        return send(HttpRequest.newBuilder(uri(path)).header("X-CSRF-Token", csrf).DELETE().build());
    }

    /** A JSON {@code GET}. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/json").GET().build());
    }

    /** A page visit, as a browser navigates: {@code Accept: text/html}. */
    HttpResponse<String> navigate(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build());
    }

    /** The cookie named {@code name} this browser holds, if any. */
    Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    /** Holds {@code cookie} from now on, as if this node had set it. */
    void adopt(HttpCookie cookie) {
        HttpCookie copy = new HttpCookie(cookie.getName(), cookie.getValue());
        copy.setPath("/");
        copy.setVersion(0);
        cookies.getCookieStore().add(uri("/"), copy);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void keepCsrf(HttpResponse<String> answer) throws IOException {
        boolean json = answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
        if (answer.statusCode() == 200 && json && answer.body().startsWith("{")) {
            JsonNode token = Browser.json(answer).get("csrfToken");
            if (token != null && token.isTextual()) {
                csrf = token.asText();
            }
        }
    }
}
