package io.github.twostep.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * Shows the application no user at all: for a user who has not finished signing in (second
 * factor not yet proven) on a path TwoStep lets through, such as the public home page.
 */
final class AnonymousRequest extends HttpServletRequestWrapper {
    AnonymousRequest(HttpServletRequest request) {
        super(request);
    }

    @Override
    public String getRemoteUser() {
        return null;
    }

    @Override
    public Principal getUserPrincipal() {
        return null;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public String getAuthType() {
        return null;
    }
}
