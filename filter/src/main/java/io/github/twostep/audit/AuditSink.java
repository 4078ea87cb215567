package io.github.twostep.audit;

import java.util.List;

/**
 * Where audit events go. The default writes them to the log; a JDBC table and the
 * application's own sink can be chosen in the settings.
 */
public interface AuditSink {
    /** Records {@code event}; must not throw for a full or slow destination. */
    void record(AuditEvent event);

    /**
     * The most recent events of {@code user}, oldest first, at most {@code limit}; sinks that
     * cannot be read back answer an empty list.
     */
    default List<AuditEvent> recent(String user, int limit) {
        return List.of();
    }
}
