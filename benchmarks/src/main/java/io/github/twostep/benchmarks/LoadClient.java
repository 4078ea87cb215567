package io.github.twostep.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One browser of the load test on a shared {@link HttpClient}: its own cookies (kept from
 * {@code Set-Cookie}, so many browsers share one connection pool) and the session's CSRF token,
 * which changes at sign-in and after a verified code (the answers carry the new one).
 */
final class LoadClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final int port;
    private final Map<String, String> cookies = new TreeMap<>();
    private String csrf;

    LoadClient(HttpClient client, int port) {
        this.client = Objects.requireNonNull(client, "client");
        this.port = port;
    }

    /** {@code GET /2fa/api/status}, keeping the session's CSRF token. */
    HttpResponse<String> status() throws IOException, InterruptedException {
        HttpResponse<String> answer = send(request("/2fa/api/status").GET().build());
        keepCsrf(answer);
        return answer;
    }

    /** A JSON {@code POST} with the {@code X-CSRF-Token} header; a new token in the answer replaces the kept one. */
    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> answer = send(request(path).header("Content-Type", "application/json")
                .header("X-CSRF-Token", csrf == null ? "" : csrf)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        keepCsrf(answer);
        return answer;
    }

    /** A {@code GET} of a page. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    /** {@code POST /logout} as the sign-out button sends it; forgets the session's cookies. */
    HttpResponse<String> logout() throws IOException, InterruptedException {
        HttpResponse<String> answer = send(request("/logout").header("X-CSRF-Token", csrf == null ? "" : csrf)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")).build());
        cookies.clear();
        csrf = null;
        return answer;
    }

    static JsonNode json(HttpResponse<String> answer) throws IOException {
        return JSON.readTree(answer.body());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        for (String header : answer.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String value = pair.substring(eq + 1).trim();
                if (value.isEmpty() || header.toLowerCase(Locale.ROOT).contains("max-age=0")) {
                    cookies.remove(pair.substring(0, eq).trim());
                } else {
                    cookies.put(pair.substring(0, eq).trim(), value);
                }
            }
        }
        return answer;
    }

    private void keepCsrf(HttpResponse<String> answer) throws IOException {
        boolean json = answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
        if (answer.statusCode() == 200 && json && answer.body().startsWith("{")) {
            JsonNode token = json(answer).get("csrfToken");
            if (token != null && token.isTextual()) {
                csrf = token.asText();
            }
        }
    }
}
