package io.github.twostep.config;

import java.util.Objects;

/**
 * Where the audit trail goes ({@code audit}).
 *
 * @param type      {@code "log"} (the log, plus the last events in memory for the admin API),
 *                  {@code "jdbc"} (a table in the users database), or {@code "class:…"}
 * @param table     the JDBC table, created when missing
 * @param className fully qualified name of the application's {@code AuditSink} when type is a
 *                  class; otherwise null
 */
public record AuditSettings(String type, String table, String className) {

    public AuditSettings {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(table, "table");
    }
}
