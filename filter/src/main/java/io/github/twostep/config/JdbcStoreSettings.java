package io.github.twostep.config;

import java.util.Objects;

/**
 * The JDBC store ({@code store.jdbc}): the comment column of the application's users table.
 * Exactly one of {@code dataSource} and {@code url} is set when {@code store.type} is jdbc.
 *
 * @param dataSource           JNDI name of a {@code DataSource}; null: use {@code url}
 * @param url                  JDBC URL; null: use {@code dataSource}
 * @param username             database user for {@code url}; null: none
 * @param password             database password for {@code url}; null: none
 * @param table                the users table
 * @param userColumn           column holding the user name
 * @param commentColumn        column holding the 2FA data
 * @param caseInsensitiveUsers match user names ignoring case
 */
public record JdbcStoreSettings(String dataSource, String url, String username, String password,
                                String table, String userColumn, String commentColumn,
                                boolean caseInsensitiveUsers) {

    public JdbcStoreSettings {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(userColumn, "userColumn");
        Objects.requireNonNull(commentColumn, "commentColumn");
    }

    @Override
    public String toString() {
        return "JdbcStoreSettings[dataSource=" + dataSource + ", url=" + url + ", username=" + username
                + ", password=" + (password == null ? "null" : "***") + ", table=" + table
                + ", userColumn=" + userColumn + ", commentColumn=" + commentColumn
                + ", caseInsensitiveUsers=" + caseInsensitiveUsers + "]";
    }
}
