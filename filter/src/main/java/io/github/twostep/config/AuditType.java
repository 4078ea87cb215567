package io.github.twostep.config;

/** Where the audit trail goes ({@code audit.type}). */
public enum AuditType {
    /** The log, plus the last events in memory for the admin API. */
    LOG,
    /** A table in the users database. */
    JDBC,
    /** A class of the application's, named in {@link AuditSettings#className()}. */
    CLASS
}
