package io.github.twostep.internal.web;

import io.github.twostep.Caller;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/** Small facts about requests and answers that every part of the web layer needs. */
public final class Http {
    static final String TRUST_COOKIE = "twostep_trust";

    private Http() {
    }

    /** The path inside the application as the container normalised it. */
    static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String info = request.getPathInfo() == null ? "" : request.getPathInfo();
        String path = servletPath + info;
        return path.isEmpty() ? "/" : path;
    }

    /** Whether the client wants JSON: an API path, or {@code Accept} naming JSON but not HTML. */
    static boolean wantsJson(HttpServletRequest request, String apiPrefix) {
        if (path(request).startsWith(apiPrefix)) {
            return true;
        }
        String accept = request.getHeader("Accept");
        if (accept == null) {
            return false;
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        return lower.contains("application/json") && !lower.contains("text/html");
    }

    static boolean isStateChanging(HttpServletRequest request) {
        String method = request.getMethod();
        return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "TRACE".equals(method));
    }

    static Caller caller(HttpServletRequest request) {
        // without Accept-Language, getLocale() answers the server's default, which says nothing of the user
        Locale locale = request.getHeader("Accept-Language") == null ? null : request.getLocale();
        return new Caller(request.getRemoteAddr(), request.getHeader("User-Agent"), locale);
    }

    /** The page's address inside the application with its query, for coming back after sign-in. */
    static String currentTarget(HttpServletRequest request) {
        String query = request.getQueryString();
        return path(request) + (query == null ? "" : "?" + query);
    }

    /** Redirects to {@code path} inside the application (context path added). */
    static void redirect(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
        NoStore.apply(response);
        response.sendRedirect(request.getContextPath() + path);
    }

    /** The host users sign in at, that of {@code publicUrl}; null when the settings give none. */

    /**
     * Answers {@code status} with a short plain-text body, directly: never through the
     * container's error pages, which this filter (REQUEST dispatch only) would not guard.
     */
    public static void plain(HttpServletResponse response, int status, String text) throws IOException {
        NoStore.apply(response);
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(text);
    }

    /**
     * Reads and discards what is left of a refused request's body (up to a limit), so the
     * connection stays usable for the client's next request instead of being cut.
     */
    static void drain(HttpServletRequest request) throws IOException {
        try (var in = request.getInputStream()) {
            in.readNBytes(64 * 1024);
        } catch (IllegalStateException readerInUse) {
            // The body was already read as form parameters: nothing is left to discard.
        }
    }

    static String trustToken(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (TRUST_COOKIE.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** Sets the trust cookie: HttpOnly, SameSite=Lax, Secure on HTTPS, for {@code days}. */
    static void setTrustCookie(HttpServletRequest request, HttpServletResponse response, String token, int days) {
        Cookie cookie = new Cookie(TRUST_COOKIE, token);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        cookie.setMaxAge((int) Math.min(Integer.MAX_VALUE, days * 86_400L));
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }
}
