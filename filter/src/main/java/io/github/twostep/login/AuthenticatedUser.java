package io.github.twostep.login;

import java.util.Objects;
import java.util.Set;

/** A user whose password was checked: their name as stored, and their roles. */
public record AuthenticatedUser(String name, Set<String> roles) {
    public AuthenticatedUser {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
    }
}
