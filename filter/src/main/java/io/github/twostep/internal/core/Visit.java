package io.github.twostep.internal.core;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One request as the sign-in's rules see it: where it goes, who makes it and what their
 * session holds. Free of servlet types; the web layer builds one per request.
 *
 * @param endpoint         what the request asks for
 * @param path             the path, normalised and relative to the application (for exempt and step-up paths)
 * @param user             the signed-in user (first factor), or null
 * @param roles            answers whether the user has a role
 * @param standing         the user's standing from the session; null when no second factor applies
 *                         (no user, an exempt user, 2FA off app-wide)
 * @param codeEnteredAt    when a code was last entered and accepted in this session, or null
 * @param codeLoginPending a password-less sign-in whose emailed code is not proven yet
 * @param loopback         the request comes from this machine (for {@code admin.localOnly})
 */
public record Visit(Endpoint endpoint, String path, String user, Predicate<String> roles, Standing standing,
                    Instant codeEnteredAt, boolean codeLoginPending, boolean loopback) {

    public Visit {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(roles, "roles");
    }
}
