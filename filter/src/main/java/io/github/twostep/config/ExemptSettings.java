package io.github.twostep.config;

import java.util.List;

/**
 * Who and what never needs a second factor ({@code exempt}).
 *
 * @param roles users in any of these roles
 * @param users these user names
 * @param paths exact paths, or prefixes ending in {@code /*}; {@code "/"} is the home page only
 */
public record ExemptSettings(List<String> roles, List<String> users, List<String> paths) {

    public ExemptSettings {
        roles = List.copyOf(roles);
        users = List.copyOf(users);
        paths = List.copyOf(paths);
    }
}
