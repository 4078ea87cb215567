package io.github.twostep.login;

import java.io.Serializable;
import java.util.Objects;
import java.util.Set;

/**
 * A user whose password was checked: their name as stored, and their roles. Kept in the HTTP
 * session, so serializable (a container may persist or replicate sessions).
 */
public record AuthenticatedUser(String name, Set<String> roles) implements Serializable {
    public AuthenticatedUser {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
    }
}
