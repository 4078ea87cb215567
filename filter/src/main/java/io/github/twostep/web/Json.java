package io.github.twostep.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reading request bodies and writing answers of the JSON API. Bodies are capped at
 * {@link #MAX_BODY_BYTES}; anything that is not a JSON object reads as empty, so a handler
 * answers it with its own clear error. Every answer carries {@code Cache-Control: no-store}.
 */
final class Json {
    static final int MAX_BODY_BYTES = 16 * 1024;
    static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    /** The body as a JSON object, or empty when it is missing, too large or not an object. */
    static Optional<ObjectNode> readObject(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length == 0 || body.length > MAX_BODY_BYTES) {
                return Optional.empty();
            }
            JsonNode node = MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
            return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
    }

    /** Writes {@code body} as the JSON answer with {@code status}. */
    static void write(HttpServletResponse response, int status, Object body) throws IOException {
        NoStore.apply(response);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        MAPPER.writeValue(response.getOutputStream(), body);
    }

    /** Writes {@code {"error": code}} with {@code status}. */
    static void error(HttpServletResponse response, int status, String code) throws IOException {
        write(response, status, MAPPER.createObjectNode().put("error", code));
    }
}
