package io.github.twostep.sample;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The anti-forgery token of the sample's own forms (the admin page), kept in the HTTP session
 * next to TwoStep's and compared in constant time. TwoStep checks its own token on its own
 * paths only; the application protects its forms itself, as here.
 */
final class FormToken {
    static final String ATTRIBUTE = "io.github.twostep.sample.csrf";
    /** The form field that carries the token. */
    static final String FIELD = "_csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private FormToken() {
    }

    /** The session's token, created with the session when missing. */
    static String of(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        synchronized (session) {
            Object token = session.getAttribute(ATTRIBUTE);
            if (token instanceof String existing) {
                return existing;
            }
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String created = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(ATTRIBUTE, created);
            return created;
        }
    }

    /** Whether the form's {@code _csrf} field carries the session's token. */
    static boolean presentIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(ATTRIBUTE);
        String presented = request.getParameter(FIELD);
        return expected instanceof String token && presented != null
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
