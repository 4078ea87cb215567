package io.github.twostep.internal.web;

import io.github.twostep.login.AuthenticatedUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/** Shows the application the user built-in login signed in, as if the container had. */
final class BuiltinUserRequest extends HttpServletRequestWrapper {
    private final AuthenticatedUser user;

    BuiltinUserRequest(HttpServletRequest request, AuthenticatedUser user) {
        super(request);
        this.user = user;
    }

    @Override
    public String getRemoteUser() {
        return user.name();
    }

    @Override
    public Principal getUserPrincipal() {
        return user::name;
    }

    @Override
    public boolean isUserInRole(String role) {
        return user.roles().contains(role);
    }

    @Override
    public String getAuthType() {
        return "FORM";
    }
}
