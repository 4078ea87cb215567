package io.github.twostep.web;

import io.github.twostep.config.LoginMode;
import io.github.twostep.config.LoginSettings;
import io.github.twostep.login.AuthenticatedUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Who signed in with the first factor. Built-in login keeps the user in the session; external
 * login reads the container's user, a session attribute the application sets, or the
 * application's {@link PrincipalResolver}.
 */
final class Identity {
    static final String USER_ATTRIBUTE = "io.github.twostep.user";

    private final LoginSettings login;
    private final PrincipalResolver resolver;

    Identity(LoginSettings login, PrincipalResolver resolver) {
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
            return resolver.user(request);
        }
        return request.getRemoteUser();
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
