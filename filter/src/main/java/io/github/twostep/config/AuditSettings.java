package io.github.twostep.config;

import java.util.Objects;

/**
 * Where the audit trail goes ({@code audit}).
 *
 * @param type      the log, a table in the users database, or the application's class
 * @param table     the JDBC table, created when missing
 * @param className fully qualified name of the application's {@code AuditSink} when type is a
 *                  class; otherwise null
 */
public record AuditSettings(AuditType type, String table, String className) {

    public AuditSettings {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(table, "table");
    }
}
