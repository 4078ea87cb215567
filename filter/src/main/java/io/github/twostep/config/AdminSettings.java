package io.github.twostep.config;

import java.util.List;

/**
 * The admin pages and API ({@code admin}).
 *
 * @param localOnly answer only requests from the loopback interface
 * @param roles     roles allowed in; a user needs one of them
 */
public record AdminSettings(boolean localOnly, List<String> roles) {

    public AdminSettings {
        roles = List.copyOf(roles);
    }
}
