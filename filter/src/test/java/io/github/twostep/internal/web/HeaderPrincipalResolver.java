package io.github.twostep.internal.web;

import io.github.twostep.web.PrincipalResolver;
import jakarta.servlet.http.HttpServletRequest;

/** A test resolver: the user named by a header, as a trusted single-sign-on proxy would set it. */
public final class HeaderPrincipalResolver implements PrincipalResolver {
    @Override
    public String user(HttpServletRequest request) {
        return request.getHeader("X-Test-User");
    }
}
