package io.github.twostep.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.twostep.TwoStepException;
import io.github.twostep.audit.AuditEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What every database must do with the JDBC audit trail; subclasses give the database. */
abstract class JdbcAuditSinkContract {
    abstract DataSource database();

    private static AuditEvent event(int second, String user, AuditEvent.Type type) {
        return new AuditEvent(Instant.parse("2026-06-01T10:00:00Z").plusSeconds(second), user, type,
                AuditEvent.Outcome.SUCCESS, "127.0.0.1", "Mozilla/5.0\nforged", "detail");
    }

    @Test
    void recordWhenEventsWrittenThenReadBackPerUserOldestFirst() {
        JdbcAuditSink sink = new JdbcAuditSink(database(), "twostep_audit");
        sink.record(event(1, "alice", AuditEvent.Type.LOGIN));
        sink.record(event(2, "bob", AuditEvent.Type.LOGIN));
        sink.record(event(3, "alice", AuditEvent.Type.VERIFY_FAILED));
        sink.record(event(4, "alice", AuditEvent.Type.EMERGENCY_CODE_CREATED));

        List<AuditEvent> trail = new JdbcAuditSink(database(), "twostep_audit").recent("alice", 2);

        assertEquals(List.of(event(3, "alice", AuditEvent.Type.VERIFY_FAILED),
                event(4, "alice", AuditEvent.Type.EMERGENCY_CODE_CREATED)), trail);
        assertEquals(1, sink.recent("bob", 10).size());
    }

    @Test
    void recordWhenNodesCreateTheTableAtOnceThenNoEventIsLost() throws Exception {
        int nodes = 8;
        for (int round = 0; round < 5; round++) {
            String table = "audit_race_" + round + "_" + Long.toHexString(System.nanoTime());
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(nodes);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int node = 0; node < nodes; node++) {
                    JdbcAuditSink sink = new JdbcAuditSink(database(), table); // a node starting: the table is missing
                    int second = node;
                    done.add(threads.submit(() -> {
                        start.await();
                        sink.record(event(second, "alice", AuditEvent.Type.LOGIN));
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> each : done) {
                    each.get(30, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }

            assertEquals(nodes, new JdbcAuditSink(database(), table).recent("alice", 100).size(),
                    "every node's first event is kept (round " + round + ")");
        }
    }

    @Test
    void recordWhenApplicationPoolDoesNotAutoCommitThenEventsAreKept() {
        HikariConfig manualCommit = new HikariConfig();
        manualCommit.setDataSource(database());
        manualCommit.setAutoCommit(false); // as some applications run their pool; it rolls back what is left open
        manualCommit.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(manualCommit)) {
            JdbcAuditSink sink = new JdbcAuditSink(pool, "twostep_audit");
            sink.record(event(1, "alice", AuditEvent.Type.LOGIN));
            sink.record(event(2, "alice", AuditEvent.Type.VERIFY_FAILED));
        }

        assertEquals(List.of(event(1, "alice", AuditEvent.Type.LOGIN), event(2, "alice", AuditEvent.Type.VERIFY_FAILED)),
                new JdbcAuditSink(database(), "twostep_audit").recent("alice", 10));
    }

    @Test
    void recordWhenTableCannotBeMadeThenLoggedNotThrown() {
        JdbcAuditSink sink = new JdbcAuditSink(database(), "no_such_schema.audit");

        sink.record(event(1, "alice", AuditEvent.Type.LOGIN));

        assertThrows(TwoStepException.class, () -> sink.recent("alice", 10));
    }
}
