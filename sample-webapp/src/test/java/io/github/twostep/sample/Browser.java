package io.github.twostep.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A cookie-keeping HTTP client for the sample that never follows redirects, with TwoStep's JSON API at hand. */
final class Browser {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private final int port;
    private String csrf;

    Browser(SampleApp app) {
        this(app.port());
    }

    Browser(int port) {
        this.port = port;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET /2fa/api/status}, keeping the session's CSRF token. */
    JsonNode status() throws IOException, InterruptedException {
        JsonNode status = JSON.readTree(get("/2fa/api/status").body());
        csrf = status.get("csrfToken").asText();
        return status;
    }

    /** A JSON call to TwoStep's API with the {@code X-CSRF-Token} header. */
    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        if (csrf == null) {
            status();
        }
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A form post; {@code fields} are name, value, name, value … */
    HttpResponse<String> form(String path, String... fields) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    /** Signs in through {@code POST /2fa/api/login} with the demo password; answers the new state. */
    String login(String user) throws IOException, InterruptedException {
        status();
        HttpResponse<String> answer = post("/2fa/api/login",
                "{\"username\": \"" + user + "\", \"password\": \"" + user + "-password\"}");
        if (answer.statusCode() != 200) {
            throw new AssertionError("login of " + user + " answered " + answer.statusCode() + " " + answer.body());
        }
        status();
        return JSON.readTree(answer.body()).get("state").asText();
    }

    /** The value of the first {@code _csrf} form field of a page. */
    static String csrfField(String html) {
        Matcher field = CSRF_FIELD.matcher(html);
        if (!field.find()) {
            throw new AssertionError("no _csrf field in the page");
        }
        return field.group(1);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
