package io.github.twostep.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twostep.benchmarks.Http1Connection.Answer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One browser of the load test: its own keep-alive connection ({@link Http1Connection}), its
 * cookies (kept from {@code Set-Cookie}) and the session's CSRF token, which changes at sign-in
 * and after a verified code (the answers carry the new one). One thread at a time.
 */
final class LoadClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Http1Connection connection;
    private final Map<String, String> cookies = new TreeMap<>();
    private String csrf;

    LoadClient(int port) {
        this.connection = new Http1Connection(port);
    }

    /** {@code GET /2fa/api/status}, keeping the session's CSRF token. */
    Answer status() throws IOException {
        Answer answer = send("GET", "/2fa/api/status", List.of(), null);
        keepCsrf(answer);
        return answer;
    }

    /** A JSON {@code POST} with the {@code X-CSRF-Token} header; a new token in the answer replaces the kept one. */
    Answer post(String path, String json) throws IOException {
        Answer answer = send("POST", path, List.of("Content-Type: application/json",
                "X-CSRF-Token: " + (csrf == null ? "" : csrf)), json);
        keepCsrf(answer);
        return answer;
    }

    /** A {@code GET} of a page. */
    Answer get(String path) throws IOException {
        return send("GET", path, List.of(), null);
    }

    /** {@code POST /logout} as the sign-out button sends it; forgets the session's cookies. */
    Answer logout() throws IOException {
        Answer answer = send("POST", "/logout", List.of("X-CSRF-Token: " + (csrf == null ? "" : csrf),
                "Content-Type: application/x-www-form-urlencoded"), "");
        cookies.clear();
        csrf = null;
        return answer;
    }

    static JsonNode json(Answer answer) throws IOException {
        return JSON.readTree(answer.body());
    }

    @Override
    public void close() {
        connection.close();
    }

    private Answer send(String method, String path, List<String> headers, String body) throws IOException {
        List<String> lines = new ArrayList<>(headers);
        if (!cookies.isEmpty()) {
            lines.add("Cookie: " + cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        Answer answer = connection.send(method, path, lines, body);
        for (String header : answer.all("set-cookie")) {
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

    private void keepCsrf(Answer answer) throws IOException {
        boolean json = answer.first("content-type").startsWith("application/json");
        if (answer.status() == 200 && json && answer.body().startsWith("{")) {
            JsonNode token = json(answer).get("csrfToken");
            if (token != null && token.isTextual()) {
                csrf = token.asText();
            }
        }
    }
}
