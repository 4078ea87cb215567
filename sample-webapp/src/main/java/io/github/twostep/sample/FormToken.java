package io.github.twostep.sample;

import io.github.twostep.web.CsrfToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The anti-forgery token of the sample's own forms (the admin page), kept in the HTTP session
 * next to TwoStep's and compared in constant time. TwoStep checks its own token on its own
 * paths only; the application protects its forms itself, as here.
 */
final class FormToken {
    static final String ATTRIBUTE = "io.github.twostep.sample.csrf";

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
            String created = CsrfToken.newToken();
            session.setAttribute(ATTRIBUTE, created);
            return created;
        }
    }

    /** Whether the form's {@code _csrf} field carries the session's token. */
    static boolean presentIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(ATTRIBUTE);
        return expected instanceof String token && CsrfToken.matches(token, request.getParameter(CsrfToken.FIELD));
    }
}
