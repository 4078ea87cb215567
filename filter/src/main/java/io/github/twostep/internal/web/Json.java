package io.github.twostep.internal.web;

import com.fasterxml.jackson.core.JsonParser;
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
 * {@link #MAX_BODY_BYTES}. A missing body reads as empty, so a handler answers it with its own
 * clear error; a body that is not exactly one JSON object (malformed, another JSON value,
 * trailing content, a repeated key, or too large) throws {@link BadRequest}, which
 * {@link Routes} answers with 400 {@code {"error": "bad_request"}} before the handler did
 * anything (so it counts as no attempt). Every answer carries {@code Cache-Control: no-store}.
 */
final class Json {
    static final int MAX_BODY_BYTES = 16 * 1024;
    static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** For request bodies: a repeated key or anything after the object is an error, never last-wins. */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /**
     * The body as a JSON object, or empty when there is none.
     *
     * @throws BadRequest when there is a body but it is not exactly one JSON object
     */
    static Optional<ObjectNode> readObject(HttpServletRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length == 0) {
            return Optional.empty();
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new BadRequest();
        }
        try {
            JsonNode node = STRICT.readTree(new String(body, StandardCharsets.UTF_8));
            if (node instanceof ObjectNode object) {
                return Optional.of(object);
            }
        } catch (JsonProcessingException notOneObject) {
            // answered below, without echoing the parser's message (it quotes the body)
        }
        throw new BadRequest();
    }

    /** Writes {@code body} as the JSON answer with {@code status}. */
    static void write(HttpServletResponse response, int status, Object body) throws IOException {
        NoStore.apply(response);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        byte[] json = MAPPER.writeValueAsBytes(body);
        response.setContentLength(json.length); // the container sends headers and body in one write, not chunked
        response.getOutputStream().write(json);
    }

    /** A request body that is not exactly one JSON object; carries no part of the body. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest() {
            super("the body is not one JSON object", null, false, false);
        }
    }

    /** Writes {@code {"error": code}} with {@code status}. */
    static void error(HttpServletResponse response, int status, String code) throws IOException {
        write(response, status, MAPPER.createObjectNode().put("error", code));
    }
}
