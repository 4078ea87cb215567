package io.github.twostep.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.twostep.audit.AuditEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogAuditSinkTest {
    @Test
    void quoteWhenValueHoldsNewlineThenEscapedOnOneLine() {
        String quoted = LogAuditSink.quote("Mozilla\r\nevent=reset outcome=success \"x\"");

        assertFalse(quoted.contains("\n") || quoted.contains("\r"));
        assertEquals("\"Mozilla\\u000d\\u000aevent=reset outcome=success \\\"x\\\"\"", quoted);
    }

    @Test
    void quoteWhenNullThenDash() {
        assertEquals("-", LogAuditSink.quote(null));
    }

    @Test
    void wireNameWhenEventThenSnakeCase() {
        assertEquals("emergency_code_created", AuditEvent.Type.EMERGENCY_CODE_CREATED.wireName());
        assertEquals("verify_failed", AuditEvent.Type.VERIFY_FAILED.wireName());
    }

    @Test
    void recordWhenUserAgentLongThenTruncatedAndNullsBecomeEmpty() {
        AuditEvent event = new AuditEvent(Instant.EPOCH, "alice", AuditEvent.Type.LOGIN, AuditEvent.Outcome.SUCCESS,
                null, "u".repeat(1000), null);

        assertEquals(256, event.userAgent().length());
        assertEquals("", event.remoteAddr());
        assertEquals("", event.detail());
        new LogAuditSink().record(event);
    }
}
