package io.github.twostep.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Finds the signed-in user of a request when neither {@code getRemoteUser()} nor a session
 * attribute says it ({@code login.principalResolver}), e.g. a single-sign-on header that a
 * trusted proxy sets.
 */
@FunctionalInterface
public interface PrincipalResolver {
    /** The user's name, or null when the request has no signed-in user. */
    String user(HttpServletRequest request);
}
