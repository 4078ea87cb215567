package io.github.twostep.internal.web;

import io.github.twostep.config.LoginMode;
import io.github.twostep.config.LoginSettings;
import io.github.twostep.login.AuthenticatedUser;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Who signed in with the first factor. Built-in login keeps the user in the session; external
 * login reads the container's user, a session attribute the application sets, or the
 * application's {@code PrincipalResolver}.
 */
public final class Identity {
    public static final String USER_ATTRIBUTE = "io.github.twostep.user";
    /** The request attribute of the TLS client certificate chain (Servlet 6, section 3.10). */
    private static final String CLIENT_CERTIFICATE = "jakarta.servlet.request.X509Certificate";

    private final LoginSettings login;
    private final Function<HttpServletRequest, String> resolver;

    Identity(LoginSettings login, Function<HttpServletRequest, String> resolver) {
        this.login = Objects.requireNonNull(login, "login");
        this.resolver = resolver;
    }

    /** The signed-in user of {@code request}, or null. */
    String user(HttpServletRequest request) {
        if (login.mode() == LoginMode.BUILTIN) {
            AuthenticatedUser user = builtinUser(request);
            return user == null ? null : user.name();
        }
        if (login.sessionAttribute() != null) {
            HttpSession session = request.getSession(false);
            Object value = session == null ? null : session.getAttribute(login.sessionAttribute());
            return value instanceof Principal principal ? principal.getName() : value == null ? null : value.toString();
        }
        if (resolver != null) {
            return resolver.apply(request);
        }
        return request.getRemoteUser();
    }

    /**
     * Lets the container sign the user in from the request's own credentials before anyone asks
     * for the user; answers false when the container answered the request itself (wrong
     * credentials: 401). Only external login with BASIC or DIGEST credentials, or a TLS client
     * certificate, in a session where TwoStep already follows a user the container signed in, is
     * concerned (not a FORM application behind a proxy's own BASIC check whose visitor is
     * anonymous: the container would send the login form): on a path without a
     * security constraint, Jetty 12 defers that login until someone asks for the user and then
     * runs it against a stand-in response that counts as committed, and the login renews the
     * session id, which needs a cookie on that response: 500 "Response committed".
     * {@code authenticate(response)} runs the same login against the real response instead; a
     * user already signed in (a constrained path, or a login kept in the session) is answered at
     * once on every container.
     */
    boolean letContainerSignIn(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (login.mode() == LoginMode.BUILTIN || login.sessionAttribute() != null || resolver != null
                || !carriesCredentials(request)) {
            return true;
        }
        HttpSession session = request.getSession(false);
        boolean followsUser = session != null
                && session.getAttribute(SignInSession.ATTRIBUTE) instanceof SignInSession state && state.user() != null;
        if (followsUser) {
            return request.authenticate(response);
        }
        try {
            request.getRemoteUser();
            return true;
        } catch (IllegalStateException loginOnStandInResponse) {
            // Jetty 12 marks the session as signed in before the renewal fails, so asking again
            // with the real response signs the user in without renewing: no 500 for a session
            // the container's first login sees on a path without a constraint
            return request.authenticate(response);
        }
    }

    private static boolean carriesCredentials(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            String scheme = authorization.strip().toLowerCase(Locale.ROOT);
            if (scheme.startsWith("basic ") || scheme.startsWith("digest ")) {
                return true;
            }
        }
        return request.isSecure() && request.getAttribute(CLIENT_CERTIFICATE) != null;
    }

    /** How to ask whether the user of {@code request} has a role. */
    Predicate<String> roles(HttpServletRequest request) {
        if (login.mode() == LoginMode.BUILTIN) {
            AuthenticatedUser user = builtinUser(request);
            return role -> user != null && user.roles().contains(role);
        }
        return request::isUserInRole;
    }

    /** The user built-in login signed in, or null. */
    static AuthenticatedUser builtinUser(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : session.getAttribute(USER_ATTRIBUTE) instanceof AuthenticatedUser user ? user : null;
    }
}
